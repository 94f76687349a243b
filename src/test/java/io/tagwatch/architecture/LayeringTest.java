package io.tagwatch.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Dependencies run one way, along the flow: the API asks the collector and the store; the collector
 * drives the sources and the store; a source knows nothing of the collector, and reaches storage only
 * through an interface of its own package, which the store implements; the model and the settings
 * are at the bottom. One upward import, or a cycle between packages, fails the build.
 */
@AnalyzeClasses(packages = "io.tagwatch", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("api").definedBy("io.tagwatch.api..")
            .layer("collect").definedBy("io.tagwatch.collect..")
            .layer("store").definedBy("io.tagwatch.store..")
            .layer("source").definedBy("io.tagwatch.source..")
            .layer("model").definedBy("io.tagwatch.post..", "io.tagwatch.geo..")
            .layer("config").definedBy("io.tagwatch.config..")
            .whereLayer("api").mayNotBeAccessedByAnyLayer()
            .whereLayer("collect").mayOnlyBeAccessedByLayers("api")
            .whereLayer("store").mayOnlyBeAccessedByLayers("api", "collect")
            .whereLayer("source").mayOnlyBeAccessedByLayers("collect", "store")
            .whereLayer("model").mayOnlyBeAccessedByLayers("api", "collect", "store", "source")
            .whereLayer("config").mayOnlyBeAccessedByLayers("api", "collect", "store", "source", "model");

    /**
     * The sources share a toolkit (io.tagwatch.source) and use nothing of each other, but for the demo,
     * whose pages are X's and are read by X's parser.
     */
    @ArchTest
    static final ArchRule sourcesApart = slices().matching("io.tagwatch.source.(*)..").should().notDependOnEachOther()
            .ignoreDependency(resideInAPackage("io.tagwatch.source.demo.."), resideInAPackage("io.tagwatch.source.x.."));

    /**
     * Each top-level package with its subpackages is one slice: source.x importing collect, which
     * imports source, is a cycle.
     */
    @ArchTest
    static final ArchRule noCycles = slices().matching("io.tagwatch.(*)..").should().beFreeOfCycles();
}

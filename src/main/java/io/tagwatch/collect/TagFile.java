package io.tagwatch.collect;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.tagwatch.post.Tags;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The tags of a tag file: YAML in the one form a tag takes, and nothing else.
 *
 * <pre>
 * - templatedRoute:
 *     routeTemplateRef: collect-tag
 *     parameters:
 *       - name: tag
 *         value: chaosengineering
 * </pre>
 *
 * Handed to Camel's routes loader, such a file could hold any route (write files, run SQL), beans
 * (scripts included) or a templatedRoute's own beans, routeId and prefixId, and a {{...}} placeholder
 * in a value would resolve, secrets included. So the file is read here as plain data (no YAML tags,
 * no aliases), each entry must have exactly these keys, the tag is checked on its raw text, and the
 * routes are made from the collect-tag template by this service, not by the file.
 */
final class TagFile {

    /** A file refused whole, and why, in words fit for a log line. */
    static class Refused extends Exception {
        Refused(String reason) {
            super(reason);
        }
    }

    static final int MAX_BYTES = 64 * 1024;

    private TagFile() {
    }

    /** The normalized tags the file names, in order. */
    static List<String> tags(String yaml) throws Refused {
        if (yaml.length() > MAX_BYTES) {
            throw new Refused("larger than " + MAX_BYTES + " bytes");
        }
        Object document;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(0);
            options.setAllowDuplicateKeys(false);
            document = new Yaml(new SafeConstructor(options)).load(yaml);
        } catch (YAMLException e) {
            throw new Refused("not YAML of plain lists, maps and text");
        }
        if (document == null) {
            return List.of();
        }
        if (!(document instanceof List<?> entries)) {
            throw new Refused("not a list of templatedRoute entries");
        }
        Set<String> tags = new LinkedHashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            String tag = tag(entries.get(i), "entry " + (i + 1));
            if (!tags.add(tag)) {
                throw new Refused("entry " + (i + 1) + " names tag " + tag + " again");
            }
        }
        return new ArrayList<>(tags);
    }

    private static String tag(Object entry, String where) throws Refused {
        Map<?, ?> route = (Map<?, ?>) keys(entry, Set.of("templatedRoute"), where).get("templatedRoute");
        Map<?, ?> fields = keys(route, Set.of("routeTemplateRef", "parameters"), where + " templatedRoute");
        if (!TrackedTags.TEMPLATE.equals(fields.get("routeTemplateRef"))) {
            throw new Refused(where + ": routeTemplateRef must be " + TrackedTags.TEMPLATE);
        }
        if (!(fields.get("parameters") instanceof List<?> parameters) || parameters.size() != 1) {
            throw new Refused(where + ": parameters must be exactly one, tag");
        }
        Map<?, ?> parameter = keys(parameters.get(0), Set.of("name", "value"), where + " parameter");
        if (!"tag".equals(parameter.get("name"))) {
            throw new Refused(where + ": the parameter must be named tag");
        }
        Object value = parameter.get("value");
        if (!(value instanceof String || value instanceof Integer || value instanceof Long)) {
            throw new Refused(where + ": the tag must be text");
        }
        // the raw text, before anything could resolve a placeholder in it
        String tag = Tags.normalize(value.toString());
        if (!Tags.isValid(tag)) {
            throw new Refused(where + ": a tag is 1 to 100 letters, digits or _ (with or without #)");
        }
        return tag;
    }

    private static Map<?, ?> keys(Object node, Set<String> expected, String where) throws Refused {
        if (!(node instanceof Map<?, ?> map) || !map.keySet().equals(expected)) {
            throw new Refused(where + " must have exactly the keys " + new TreeSet<>(expected));
        }
        return map;
    }
}

package io.tagwatch.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The store: SQLite by default, PostgreSQL when spring.datasource.url says so. SQLite does not create
 * missing directories, so the default ./data/ is made here before the first connection, and its
 * connections wait for each other as {@link SqliteConnections} explains.
 */
@Configuration(proxyBeanMethods = false)
class DataSourceConfiguration {

    private static final String SQLITE = "jdbc:sqlite:";

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(DataSourceProperties properties) {
        String url = properties.determineUrl();
        HikariDataSource pool = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        if (url != null && url.startsWith(SQLITE)) {
            createParentDirectory(url.substring(SQLITE.length()));
            pool.setDataSource(new SqliteConnections(url));
        }
        return pool;
    }

    @Bean
    Engine storeEngine(DataSourceProperties properties) {
        return Engine.of(properties.determineUrl());
    }

    private static void createParentDirectory(String sqliteTarget) {
        String file = sqliteTarget.contains("?") ? sqliteTarget.substring(0, sqliteTarget.indexOf('?')) : sqliteTarget;
        if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
            return;
        }
        Path parent = Path.of(file).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of the SQLite file " + file, e);
        }
    }
}

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

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(DataSourceProperties properties, Database database) {
        HikariDataSource pool = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        if (database.jdbcUrl() != null && database.jdbcUrl().startsWith("jdbc:sqlite:")) {
            Path file = database.sqliteFile();
            if (file != null) {
                createParentDirectory(file);
            }
            pool.setDataSource(new SqliteConnections(database.jdbcUrl()));
        }
        return pool;
    }

    @Bean
    Engine storeEngine(Database database) {
        return Engine.of(database.jdbcUrl());
    }

    private static void createParentDirectory(Path file) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of the SQLite file " + file, e);
        }
    }
}

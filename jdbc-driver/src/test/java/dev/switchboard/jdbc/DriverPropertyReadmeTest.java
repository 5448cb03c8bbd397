package dev.switchboard.jdbc;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** STYLE idiom 15: the README documents every driver property (table: {@link DriverProperty#markdownTable()}). */
class DriverPropertyReadmeTest {
    @Test
    void readmeListsEveryDriverProperty() throws IOException {
        Path readme = Path.of("..", "README.md");        // the module's directory is the working directory
        assertThat(readme).as("the project README (with the driver property table)").exists();
        String text = Files.readString(readme);
        for (DriverProperty p : DriverProperty.values()) {
            assertThat(text).as("README mentions driver property %s", p.key()).contains("`" + p.key() + "`");
        }
    }
}

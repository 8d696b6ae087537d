package io.cdccookbook.tinybird;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in copy (for JBang runs from a URL) must say exactly what tinybird/ says. When this fails,
 * copy the named file's text from tinybird/ into EmbeddedDatafiles.
 */
class EmbeddedDatafilesTest {

    @Test
    void theBuiltInCopyHasTheFoldersFiles() throws IOException {
        assertThat(EmbeddedDatafiles.FILES.keySet()).as("files in tinybird/ (without README.md)")
                .containsExactlyInAnyOrderElementsOf(DatafileModelTest.paths());
    }

    @Test
    void eachBuiltInFileSaysWhatTheFoldersFileSays() throws IOException {
        for (String path : DatafileModelTest.paths()) {
            assertThat(EmbeddedDatafiles.FILES.get(path))
                    .as("EmbeddedDatafiles copy of tinybird/%s: copy the file's text into it", path)
                    .isEqualTo(Files.readString(DatafileModelTest.FOLDER.resolve(path)));
        }
    }
}

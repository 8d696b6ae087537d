package io.cdccookbook.tinybird;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DatafileSourceTest {

    @Test
    void aFolderBelowTheWorkingDirectoryIsShownRelative() {
        assertThat(DatafileSource.folder(Path.of("some", "tinybird")).description())
                .isEqualTo("the datafiles in " + Path.of("some", "tinybird") + "/");
    }

    @Test
    void aFolderElsewhereIsShownInFull(@TempDir Path elsewhere) {
        assertThat(DatafileSource.folder(elsewhere).description())
                .isEqualTo("the datafiles in " + elsewhere.toAbsolutePath().normalize());
    }

    @Test
    void theBuiltInCopySaysWhyItIsUsed(@TempDir Path noFolder) {
        assertThat(DatafileSource.forProject(noFolder).description())
                .isEqualTo("the datafiles built into the cookbook (the project folder has no tinybird/ folder of them)");
    }
}

package io.learnpulse.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.cli.OptionTable;
import io.learnpulse.job.replay.ReplayOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.junit.jupiter.api.Test;

/** The README's option tables list every option of the replay and the job, with its default. */
class ReadmeOptionsTest {

    @Test
    void everyOptionIsInTheReadmeWithItsDefault() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        Set<ConfigOption<?>> options = new LinkedHashSet<>(JobOptions.all());
        options.addAll(ReplayOptions.all());
        for (ConfigOption<?> option : options) {
            assertThat(readme).as("README row of %s", option.key())
                    .contains("| `" + option.key() + "` | " + defaultText(option) + " | ");
        }
        assertThat(readme).as("README row of the config file").contains("| `" + OptionTable.CONFIG + "` | — | ");
    }

    /** As {@code --help} shows it. */
    private static String defaultText(ConfigOption<?> option) {
        String text = ConfigOptionArguments.defaultText(option);
        return text != null ? text : "—";
    }
}

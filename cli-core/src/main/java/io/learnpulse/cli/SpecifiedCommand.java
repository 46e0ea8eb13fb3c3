package io.learnpulse.cli;

import picocli.CommandLine.Model.CommandSpec;

/**
 * A command that builds its own picocli model instead of declaring annotated fields: one whose
 * options come from a table that other code also reads ({@link OptionTable}).
 */
public interface SpecifiedCommand {
    CommandSpec spec();
}

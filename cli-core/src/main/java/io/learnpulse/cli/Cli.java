package io.learnpulse.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one way every learnpulse verb reads its arguments and ends: picocli, with {@code -h/--help}
 * on every command listing each option with its default; unusable arguments are one line on stderr
 * and exit status 2 ({@link UsageException} or a parse error), a failure one line and status 1 (its
 * stack trace goes to the log), done is 0.
 *
 * <p>A verb is a picocli command: an annotated class, or a {@link SpecifiedCommand} whose options
 * come from a table. {@link #root} makes the {@code learnpulse} command of many verbs; {@link #run}
 * runs one verb on its own (the job jar's main), named {@code learnpulse VERB} all the same.
 */
public final class Cli {
    public static final String NAME = "learnpulse";
    public static final int DONE = 0;
    public static final int FAILED = 1;
    public static final int UNUSABLE_ARGUMENTS = 2;
    /** The file that library logging goes to, when bin/learnpulse sets it (bin/log4j2.properties). */
    public static final String LOG_FILE_PROPERTY = "learnpulse.log.file";

    private Cli() {}

    /** The {@code learnpulse} command with {@code verbs} as its subcommands, plus {@code help}. */
    public static CommandLine root(String description, Object... verbs) {
        Root command = new Root();
        command.spec = CommandSpec.wrapWithoutInspection(command).name(NAME);
        command.spec.usageMessage().description(description);
        CommandLine root = new CommandLine(command.spec);
        for (Object verb : verbs) {
            root.addSubcommand(model(verb));
        }
        root.addSubcommand("help", new CommandLine.HelpCommand());
        return configure(root);
    }

    /** One verb as a command of its own, named {@code learnpulse VERB}. */
    public static CommandLine commandLine(Object verb) {
        CommandLine commandLine = new CommandLine(model(verb));
        commandLine.setCommandName(NAME + " " + commandLine.getCommandName());
        return configure(commandLine);
    }

    /** Runs a command line; returns the exit status: 0 done, 2 unusable arguments, 1 failure. */
    public static int run(CommandLine commandLine, PrintStream out, PrintStream err, String... args) {
        commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        return commandLine.execute(args);
    }

    /** Runs one verb on its own, on the console. */
    public static int run(Object verb, String... args) {
        return run(commandLine(verb), System.out, System.err, args);
    }

    /**
     * Reads the arguments into {@code verb} without running it, as {@link #run} would.
     *
     * @throws UsageException with the one line {@link #run} would print
     */
    public static <T> T parse(T verb, String... args) {
        try {
            commandLine(verb).parseArgs(args);
        } catch (ParameterException e) {
            throw new UsageException(oneLine(e), e);
        }
        return verb;
    }

    private static Object model(Object verb) {
        return verb instanceof SpecifiedCommand specified ? specified.spec() : verb;
    }

    /** {@code learnpulse} without a verb. */
    private static final class Root implements Callable<Integer> {
        CommandSpec spec;

        @Override
        public Integer call() {
            List<String> verbs = spec.subcommands().keySet().stream().filter(name -> !name.equals("help")).toList();
            throw new UsageException("missing command (" + String.join(", ", verbs) + "; --help explains them)");
        }
    }

    private static CommandLine configure(CommandLine commandLine) {
        helpAndDefaults(commandLine);
        commandLine.setUsageHelpAutoWidth(true);
        commandLine.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println(e.getCommandLine().getCommandSpec().qualifiedName() + ": " + oneLine(e));
            return UNUSABLE_ARGUMENTS;
        });
        commandLine.setExecutionExceptionHandler((e, command, parsed) -> {
            String name = command.getCommandSpec().qualifiedName();
            if (e instanceof UsageException) {
                command.getErr().println(name + ": " + collapse(e.getMessage()));
                return UNUSABLE_ARGUMENTS;
            }
            LoggerFactory.getLogger(Cli.class).error("{} failed", name, e);
            String log = System.getProperty(LOG_FILE_PROPERTY);
            command.getErr().println(name + " failed: " + rootMessage(e) + (log != null ? " (details in " + log + ")" : ""));
            return FAILED;
        });
        commandLine.setExecutionStrategy(parsed -> {
            Integer help = CommandLine.executeHelpRequest(parsed);
            if (help != null) {
                return help;
            }
            announceLog(parsed);
            return new CommandLine.RunLast().execute(parsed);
        });
        return commandLine;
    }

    /** {@code -h/--help} on every command, and every option's default in the help. */
    private static void helpAndDefaults(CommandLine commandLine) {
        CommandSpec spec = commandLine.getCommandSpec();
        spec.usageMessage().showDefaultValues(true).sortOptions(false).abbreviateSynopsis(true);
        if (!spec.optionsMap().containsKey("--help") && !spec.helpCommand()) {
            spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                    .description("Show this help and exit.").build());
        }
        commandLine.getSubcommands().values().forEach(Cli::helpAndDefaults);
    }

    /** Says once, when a verb starts, where the libraries' log goes: the console keeps learnpulse's own lines. */
    private static void announceLog(ParseResult parsed) {
        ParseResult last = parsed;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        String log = System.getProperty(LOG_FILE_PROPERTY);
        CommandSpec verb = last.commandSpec();
        if (log != null && !verb.helpCommand() && !verb.name().equals(NAME)) {
            verb.commandLine().getErr().println(verb.qualifiedName() + ": logging to " + log);
        }
    }

    /** A picocli parse error in the words of learnpulse's own messages, on one line. */
    static String oneLine(ParameterException e) {
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String argument = unmatched.getUnmatched().get(0);
            String hint = unmatched.getSuggestions().stream().filter(s -> isTypo(argument, s)).findFirst()
                    .map(s -> " (did you mean " + s + "?)").orElse("");
            if (argument.startsWith("-")) {
                int equals = argument.indexOf('=');
                return "unknown option " + (equals > 0 ? argument.substring(0, equals) : argument) + hint;
            }
            if (!e.getCommandLine().getSubcommands().isEmpty()) {
                return "unknown command '" + argument + "'" + hint;
            }
            return "unexpected argument '" + argument + "' (options are --name value)";
        }
        if (e instanceof MissingParameterException missing && !missing.getMissing().isEmpty()) {
            ArgSpec first = missing.getMissing().get(0);
            String name = first instanceof OptionSpec option ? option.longestName() : first.paramLabel();
            return missing.getMessage().startsWith("Missing required option")
                    ? "missing required option " + name
                    : "option " + name + " needs a value";
        }
        String message = collapse(e.getMessage());
        return message.isEmpty() ? message : message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1);
    }

    /** At most two letters added, dropped or changed: a typo rather than another word. */
    private static boolean isTypo(String typed, String known) {
        int[] previous = new int[known.length() + 1];
        int[] current = new int[known.length() + 1];
        for (int j = 0; j <= known.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= typed.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= known.length(); j++) {
                int change = typed.charAt(i - 1) == known.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1], previous[j]) + 1, previous[j - 1] + change);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[known.length()] <= 2;
    }

    private static String collapse(String message) {
        return String.valueOf(message).replaceAll("\\s*\\R\\s*", " ").trim();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + collapse(root.getMessage());
    }
}

package io.learnpulse.gateway;

import io.learnpulse.cli.Cli;
import io.learnpulse.cli.OptionTable;
import io.learnpulse.cli.SpecifiedCommand;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code learnpulse gateway --bootstrap-servers HOST:PORT [--http-port 7070] [--admin-token TOKEN]
 * [--config FILE]} (docs/cli.md) and the further options of {@link GatewayOption}, whose list is the
 * help, the config file's keys and the README's table. A bad option exits 2 and a failure to start
 * (port taken, database unreachable) exits 1, each with a one-line reason; the gateway then runs
 * until the JVM is stopped.
 */
public final class GatewayCommand implements SpecifiedCommand, Callable<Integer> {
    private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this).name("gateway");
    private final OptionTable options = OptionTable.addTo(spec, Arrays.stream(GatewayOption.values())
            .map(option -> new OptionTable.Row(option.flag().substring(2), option.key(), option.defaultValue(),
                    option.description()))
            .toList());

    public GatewayCommand() {
        spec.usageMessage().description(
                "The gateway: stores the alerts and daily figures of Kafka, serves the REST API, WebSocket and dashboard.");
    }

    /**
     * The configuration of these arguments, as {@code learnpulse gateway} reads them.
     *
     * @throws io.learnpulse.cli.UsageException with a one-line reason for anything unknown or malformed
     */
    public static GatewayConfig parse(String... args) {
        return Cli.parse(new GatewayCommand(), args).config();
    }

    @Override
    public CommandSpec spec() {
        return spec;
    }

    private GatewayConfig config() {
        Map<GatewayOption, String> values = new EnumMap<>(GatewayOption.class);
        options.values().forEach((name, value) -> values.put(GatewayOption.byFlag("--" + name), value));
        return GatewayConfig.fromValues(values);
    }

    @Override
    public Integer call() throws InterruptedException {
        Gateway gateway = Gateway.start(config());
        spec.commandLine().getOut().println(spec.qualifiedName() + ": listening on http://localhost:" + gateway.port()
                + "/ (stop with Ctrl-C)");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            stopped.countDown();
        }, "gateway-shutdown"));
        stopped.await();
        return Cli.DONE;
    }
}

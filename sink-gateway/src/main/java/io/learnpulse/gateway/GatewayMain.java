package io.learnpulse.gateway;

import java.util.concurrent.CountDownLatch;

import org.slf4j.LoggerFactory;

/**
 * {@code bin/learnpulse gateway --bootstrap-servers HOST:PORT [--http-port 7070] [--admin-token TOKEN]
 * [--config FILE]} and the further options of {@link GatewayOption}. A bad option exits 2 and a
 * failure to start (port taken, database unreachable) exits 1, each with a one-line reason; the
 * gateway then runs until the JVM is stopped.
 */
public final class GatewayMain {

    private GatewayMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length == 1 && ("--help".equals(args[0]) || "-h".equals(args[0]))) {
            System.out.println(usage());
            return;
        }
        Gateway gateway;
        try {
            gateway = Gateway.start(GatewayConfig.fromArguments(args));
        } catch (ConfigException e) {
            System.err.println("learnpulse gateway: " + e.getMessage());
            System.exit(2);
            return;
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(GatewayMain.class).debug("start failed", e);
            System.err.println("learnpulse gateway: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            stopped.countDown();
        }, "gateway-shutdown"));
        stopped.await();
    }

    static String usage() {
        StringBuilder usage = new StringBuilder("usage: learnpulse gateway --bootstrap-servers HOST:PORT [options]\n");
        usage.append(String.format("  %-22s %s%n", "--config FILE", "properties file with the keys below"));
        for (GatewayOption option : GatewayOption.values()) {
            usage.append(String.format("  %-22s %-26s default %s%n", option.flag() + " V", option.key(),
                    option.defaultValue() == null ? "-" : "'" + option.defaultValue() + "'"));
        }
        return usage.toString();
    }
}

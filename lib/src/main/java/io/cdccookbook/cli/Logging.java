package io.cdccookbook.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import io.cdccookbook.config.Redactor;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Logging for commands, set up in code so it works the same from Maven, a JBang checkout and a remote
 * JBang run (which cannot ship a logback.xml). Quiet by default: only the cookbook's own warnings; --verbose
 * shows what Debezium, the drivers and the embedded servers say. Every line passes through the {@link Redactor}.
 */
public final class Logging {

    private Logging() {
    }

    public static void configure(boolean verbose) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        // reset() leaves the root at DEBUG: quiet it at once, threads already running (a notebook's pipeline) log meanwhile
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.OFF);

        PatternLayout layout = new RedactingLayout();
        // quiet lines carry no stack trace (logback appends one unless told %nopex): --verbose shows them
        layout.setPattern(verbose ? "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{30} - %msg%n" : "%level %logger{0}: %msg%n%nopex");
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setLayout(layout);
        encoder.setContext(context);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.setContext(context);
        appender.start();

        // MySQL's binlog client logs through java.util.logging: send that through logback too (masked,
        // and as quiet as the rest); the level filter keeps JUL from building records nobody shows
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        java.util.logging.Logger.getLogger("").setLevel(verbose ? java.util.logging.Level.INFO : java.util.logging.Level.OFF);

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        // Quiet: the libraries say nothing (a failure reaches the user as the command's own one-line error);
        // the cookbook's own warnings still show.
        root.setLevel(verbose ? Level.INFO : Level.OFF);
        context.getLogger("io.cdccookbook").setLevel(verbose ? Level.INFO : Level.WARN);
        if (verbose) {
            // Debezium warns at every PostgreSQL start that some catalog types are mapped twice: harmless
            context.getLogger("io.debezium.connector.postgresql.TypeRegistry").setLevel(Level.ERROR);
            // MariaDB's driver warns about "Unknown database" just before the cookbook creates it
            context.getLogger("org.mariadb.jdbc.message.server.ErrorPacket").setLevel(Level.ERROR);
        }
    }

    /** Masks secrets in every formatted line, including stack traces. */
    static final class RedactingLayout extends PatternLayout {
        @Override
        public String doLayout(ILoggingEvent event) {
            return Redactor.redact(super.doLayout(event));
        }
    }
}

package io.cdccookbook.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Keeps a copy of everything the test JVM writes to stdout and stderr (logs included), from the first
 * test to the last, and of what tests capture otherwise ({@link #record}: command writers, logs of
 * processes), so {@code SecretsNeverPrintTest} can look for secrets in all of it. An extension
 * every test class gets (META-INF/services and junit-platform.properties): Surefire swaps System.out
 * and System.err around each test class, so the copy is re-attached before each class and each test.
 */
public final class OutputRecorder implements BeforeAllCallback, BeforeEachCallback {

    private static final ByteArrayOutputStream RECORDED = new ByteArrayOutputStream();
    private static volatile boolean recording;

    @Override
    public void beforeAll(ExtensionContext context) {
        attach();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        attach();
    }

    private static synchronized void attach() {
        recording = true;
        if (!(System.out instanceof Tee)) {
            System.setOut(new Tee(System.out));
        }
        if (!(System.err instanceof Tee)) {
            System.setErr(new Tee(System.err));
        }
    }

    /** A PrintStream that writes through to the original and into the recording. */
    private static final class Tee extends PrintStream {
        Tee(PrintStream original) {
            super(copying(original), true, StandardCharsets.UTF_8);
        }
    }

    private static OutputStream copying(PrintStream original) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                synchronized (RECORDED) {
                    RECORDED.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                synchronized (RECORDED) {
                    RECORDED.write(b, off, len);
                }
            }

            @Override
            public void flush() {
                original.flush();
            }
        };
    }

    /**
     * Adds output the test JVM did not print itself: what a command wrote to the writers a test gave it,
     * or the log of a process a test started. The secrets check looks through it too.
     */
    public static void record(String source, String text) {
        byte[] bytes = ("\n[" + source + "]\n" + text + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (RECORDED) {
            RECORDED.write(bytes, 0, bytes.length);
        }
    }

    public static boolean isRecording() {
        return recording;
    }

    /** All output so far. */
    public static String recorded() {
        synchronized (RECORDED) {
            return RECORDED.toString(StandardCharsets.UTF_8);
        }
    }
}

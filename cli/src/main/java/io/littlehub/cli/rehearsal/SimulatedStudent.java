package io.littlehub.cli.rehearsal;

import io.littlehub.cli.provision.HubClient;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * One student of the rehearsal, like hubtraf's: sign in, server ready, kernel, first cell, stay once the whole class is
 * in ({@link ClassIn}), leave.
 */
final class SimulatedStudent {
    private final String hubUrl;
    private final String name;
    private final String password;
    private final String code;
    private final Duration stay;
    private final Duration serverTimeout;
    private final ClassIn classIn;

    SimulatedStudent(
            String hubUrl,
            String name,
            String password,
            String code,
            Duration stay,
            Duration serverTimeout,
            ClassIn classIn) {
        this.hubUrl = hubUrl;
        this.name = name;
        this.password = password;
        this.code = code;
        this.stay = stay;
        this.serverTimeout = serverTimeout;
        this.classIn = classIn;
    }

    /** Runs the student's visit; a failure is its phase and reason, never an exception (but an interrupt). */
    StudentRun run(Duration startedAt) throws InterruptedException {
        long start = System.nanoTime();
        Map<Phase, Duration> reached = new EnumMap<>(Phase.class);
        HubClient browser = new HubClient(hubUrl);
        Phase phase = Phase.SIGN_IN;
        boolean in = false;
        try {
            var answer = browser.signIn(name, password);
            if (!HubClient.signedIn(answer)) {
                throw new IllegalStateException("the hub refused the sign-in (status " + answer.statusCode() + ")");
            }
            reached.put(phase, since(start));
            phase = Phase.SERVER_READY;
            if (!browser.openServerFrom(answer, name)) {
                browser.startServer(name, serverTimeout);
            }
            reached.put(phase, since(start));
            phase = Phase.KERNEL;
            String kernel = browser.startKernelFromOpenPage(name);
            reached.put(phase, since(start));
            phase = Phase.FIRST_CELL;
            browser.executeIn(name, kernel, code);
            reached.put(phase, since(start));
            in = true;
            classIn.arrived();
            classIn.awaitEveryone();
            Thread.sleep(stay.toMillis());
            phase = Phase.LEFT;
            browser.stopServer(name, serverTimeout);
            reached.put(phase, since(start));
            return new StudentRun(name, startedAt, reached, null, null, browser.busyWaits(), browser.failedStarts());
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            return new StudentRun(
                    name, startedAt, reached, phase, reason(e), browser.busyWaits(), browser.failedStarts());
        } finally {
            if (!in) {
                classIn.arrived(); // failed (or interrupted) before the first cell: the others need not wait for it
            }
        }
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static String reason(Throwable e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof IOException io && HubClient.closedBeforeAnswering(io)) {
            return "the hub closed the connection without answering, twice (" + cause.getMessage() + ")";
        }
        String message = cause.getMessage();
        return message == null
                ? cause.getClass().getSimpleName()
                : message.lines().findFirst().orElse(message);
    }
}

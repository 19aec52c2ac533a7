package dev.gatehouse.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Captures the lines written to the audit log category while it is installed. */
public final class AuditLines extends Handler implements AutoCloseable {

    private final List<String> lines = new ArrayList<>();
    private final Logger logger = Logger.getLogger(AuditLog.CATEGORY);

    private AuditLines() {}

    /** Starts capturing; close to stop. */
    public static AuditLines capture() {
        AuditLines capture = new AuditLines();
        capture.logger.addHandler(capture);
        return capture;
    }

    @Override
    public synchronized void publish(LogRecord record) {
        lines.add(record.getMessage());
    }

    /** Every line captured so far. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}

package dev.gatehouse.audit;

import dev.gatehouse.support.Management;
import java.util.Map;

/** Reads one sample from {@code /q/metrics} (Prometheus text format). */
public final class PrometheusScrape {

    private PrometheusScrape() {}

    public static String scrape() {
        return Management.given()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    /** The value of the sample with this name and these labels (among possibly others); -1 when absent. */
    public static double value(String text, String name, Map<String, String> labels) {
        for (String line : text.split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            boolean matches = labels.entrySet().stream()
                    .allMatch(label -> line.contains(label.getKey() + "=\"" + label.getValue() + "\""));
            if (matches) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return -1;
    }

    public static double value(String name, Map<String, String> labels) {
        return value(scrape(), name, labels);
    }
}

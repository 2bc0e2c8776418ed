package org.magicsteps.cli;

import java.util.Map;
import java.util.function.Supplier;

import org.magicsteps.core.domain.ModelInfo;
import org.magicsteps.core.port.ComponentHealth;

/**
 * The start-up banner: where the server listens, which model and stores it uses, whether they
 * persist, and where the signing secret came from (never the secret).
 */
final class Banner {

    private Banner() {
    }

    static String render(AppConfig config, ModelInfo model, Map<String, Supplier<ComponentHealth>> components,
            int port, String secretOrigin, long readyMillis) {
        String shownHost = config.host().equals("0.0.0.0") ? "localhost" : config.host();
        StringBuilder text = new StringBuilder();
        text.append("Magic Steps is serving on http://").append(shownHost).append(':').append(port)
                .append("  (listening on ").append(config.host()).append(':').append(port)
                .append("; Swagger UI at /docs; ready in ").append(readyMillis).append(" ms)\n");
        text.append("  model           ").append(model.name()).append(' ').append(model.version()).append(" (")
                .append(model.modelClass()).append(") from ")
                .append(config.modelDir() == null ? "the bundled model" : config.modelDir()).append('\n');
        java.util.List<String> volatileStores = new java.util.ArrayList<>();
        for (Map.Entry<String, Supplier<ComponentHealth>> entry : components.entrySet()) {
            ComponentHealth health = entry.getValue().get();
            String name = entry.getKey().replace("_", " ");
            if (!health.persistent()) {
                volatileStores.add(name);
            }
            text.append("  ").append(String.format("%-15s ", name))
                    .append(health.implementation()).append(", ")
                    .append(health.persistent() ? "persistent" : "NOT persistent (lost on restart)")
                    .append(", ").append(health.status().name().toLowerCase(java.util.Locale.ROOT)).append('\n');
        }
        if (!volatileStores.isEmpty()) {
            text.append("  note            ").append(String.join(", ", volatileStores))
                    .append(" in memory: emptied when the server stops\n");
        }
        text.append("  retention       ").append(config.logRetentionDays() == null
                ? "every prediction record is kept (LOG_RETENTION_DAYS unset)"
                : "prediction records older than " + config.logRetentionDays() + " days are deleted in the background")
                .append('\n');
        text.append("  secret          ").append(secretOrigin).append('\n');
        text.append("  access          registration ").append(config.registration().label()).append(", /metrics ")
                .append(config.metricsToken() == null ? "open" : "needs METRICS_TOKEN").append(", tokens valid ")
                .append(config.tokenExpireMinutes()).append(" min\n");
        return text.toString();
    }
}

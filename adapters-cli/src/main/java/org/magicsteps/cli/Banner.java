package org.magicsteps.cli;

import java.util.Map;

import org.magicsteps.core.domain.ModelInfo;
import org.magicsteps.core.port.ComponentHealth;
import org.magicsteps.core.port.HealthReporting;

/**
 * The start-up banner: where the server listens, which model and stores it uses, whether they
 * persist, and where the signing secret came from (never the secret).
 */
final class Banner {

    private Banner() {
    }

    static String render(AppConfig config, ModelInfo model, java.util.List<String> served,
            Map<String, HealthReporting> components, int port, String secretOrigin, long readyMillis) {
        String shownHost = config.host().equals("0.0.0.0") ? "localhost" : config.host();
        StringBuilder text = new StringBuilder();
        text.append("Magic Steps is serving on http://").append(shownHost).append(':').append(port)
                .append("  (listening on ").append(config.host()).append(':').append(port)
                .append("; Swagger UI at /docs; ready in ").append(readyMillis).append(" ms)\n");
        text.append("  model           ").append(model.name()).append(' ').append(model.version()).append(" (")
                .append(model.modelClass()).append(") from ")
                .append(config.modelDir() == null ? "the bundled model" : config.modelDir()).append('\n');
        if (served.size() > 1) {
            text.append("  models          ").append(String.join(", ", served))
                    .append(" (?model=NAME, /v2/models/NAME; the first is the default)");
            if (config.modelWatchDir() != null) {
                text.append("; watching ").append(config.modelWatchDir());
            }
            text.append('\n');
        }
        java.util.List<String> volatileStores = new java.util.ArrayList<>();
        for (Map.Entry<String, HealthReporting> entry : components.entrySet()) {
            ComponentHealth health = entry.getValue().health();
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
        text.append("  login limits    ").append(config.loginAttemptsPerUser()).append(" per user, ")
                .append(config.loginAttemptsPerAddress()).append(" per address a minute, ")
                .append(config.usesRedis() ? "shared by every replica through Redis" : "kept in this process")
                .append("; X-Forwarded-For ")
                .append(config.trustedProxies().isEmpty() ? "ignored (no TRUSTED_PROXIES)"
                        : "believed from " + config.trustedProxies())
                .append('\n');
        return text.toString();
    }
}

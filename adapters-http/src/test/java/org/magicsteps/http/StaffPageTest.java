package org.magicsteps.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The staff page's files over a real socket: served at {@code /} beside the API, every answer with
 * the security headers, no inline script anywhere, nothing fetched from another site. (What the
 * page does in a browser is adapters-cli's StaffPageIT.)
 */
class StaffPageTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void thePageIsServedAtTheRootWithAPolicyThatAllowsNoInlineScript() {
        TestServer.Response page = server.get("/", null);

        assertEquals(200, page.status());
        assertTrue(page.header("Content-Type").startsWith("text/html"), page.header("Content-Type"));
        assertTrue(page.body().contains("<html lang=\"pt-BR\">"));
        String policy = page.header("Content-Security-Policy");
        assertEquals(SecurityHeaders.POLICY, policy);
        assertTrue(policy.contains("script-src 'self';"), policy);
        assertFalse(policy.contains("unsafe-inline"), policy);
        assertFalse(policy.contains("unsafe-eval"), policy);
        assertEquals("DENY", page.header("X-Frame-Options"));
        assertEquals("nosniff", page.header("X-Content-Type-Options"));
        assertEquals("no-referrer", page.header("Referrer-Policy"));
        assertEquals("no-cache", page.header("Cache-Control"));
    }

    @Test
    void everyFileThePageLoadsIsOursOnThisServerAndNoneHasInlineCode() throws Exception {
        String html = server.get("/", null).body();
        assertFalse(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>").matcher(html).find(), "no inline script");
        assertFalse(Pattern.compile("\\son[a-z]+=", Pattern.CASE_INSENSITIVE).matcher(html).find(), "no handler attribute");
        assertFalse(html.contains(" style="), "no style attribute");
        List<String> loaded = Pattern.compile("(?:src|href)=\"([^\"#]+)\"").matcher(html).results()
                .map(m -> m.group(1)).filter(url -> !url.startsWith("data:")).toList();
        assertTrue(loaded.size() >= 3, loaded.toString());
        for (String url : loaded) {
            assertTrue(url.startsWith("/"), "from this server: " + url);
            TestServer.Response file = server.get(url, null);
            assertEquals(200, file.status(), url);
            assertEquals(SecurityHeaders.POLICY, file.header("Content-Security-Policy"), url);
        }
        String chartLibrary = loaded.stream().filter(url -> url.matches("/webjars/chart\\.js/\\d+\\.\\d+\\.\\d+/dist/chart\\.umd\\.min\\.js"))
                .findFirst().orElseThrow(() -> new AssertionError("the chart library's WebJar, at the version the build "
                        + "pins: " + loaded));
        assertEquals("public, max-age=31536000, immutable", server.get(chartLibrary, null).header("Cache-Control"));
        List<String> modules;
        try (var files = Files.list(Path.of(StaffPageTest.class.getResource(StaffPage.RESOURCES + "/assets").toURI()))) {
            modules = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".js"))
                    .map(n -> n.substring(0, n.length() - 3)).sorted().toList();
        }
        assertTrue(modules.containsAll(List.of("app", "api", "dom", "sheet", "student", "charts", "csv", "reasons", "drift")),
                modules.toString());
        for (String module : modules) {
            TestServer.Response script = server.get("/assets/" + module + ".js", null);
            assertEquals(200, script.status(), module);
            assertTrue(script.header("Content-Type").startsWith("text/javascript"), module);
            assertFalse(script.body().contains("innerHTML"), module + " builds the page with DOM calls, never markup");
            assertFalse(Pattern.compile("localStorage\\s*[.\\[]").matcher(script.body()).find(),
                    module + " never keeps the token in localStorage");
        }
    }

    /** The page leaves out the reasons score --explain leaves out: the same threshold, and the same count. */
    @Test
    void theReasonsModuleChoosesReasonsAsTheDomainDoes() {
        String reasons = server.get("/assets/reasons.js", null).body();
        var negligible = Pattern.compile("export const NEGLIGIBLE = ([0-9.]+);").matcher(reasons);
        assertTrue(negligible.find(), reasons);
        assertEquals(org.magicsteps.core.domain.Contribution.NEGLIGIBLE, Double.parseDouble(negligible.group(1)));
        var top = Pattern.compile("export const TOP_REASONS = ([0-9]+);").matcher(reasons);
        assertTrue(top.find(), reasons);
        assertEquals(3, Integer.parseInt(top.group(1)), "score --explain's reason_1..3");
    }

    @Test
    void theApiKeepsItsRoutesAndAnswersAndGetsTheHeadersToo() {
        TestServer.Response health = server.get("/health", null);
        assertEquals(200, health.status());
        assertTrue(health.header("Content-Type").startsWith("application/json"));
        assertEquals(SecurityHeaders.POLICY, health.header("Content-Security-Policy"));
        TestServer.Response missing = server.get("/nope", null);
        assertEquals(404, missing.status());
        assertEquals("Not Found: GET /nope", missing.detail());
        assertEquals(401, server.get("/info", null).status());
    }

    @Test
    void swaggerUiGetsAPolicyNamingItsOwnInlineScriptByHash() throws Exception {
        TestServer.Response docs = server.get(MagicStepsServer.DOCS_PATH, null);

        assertEquals(200, docs.status());
        String policy = docs.header("Content-Security-Policy");
        Matcher inline = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(docs.body());
        assertTrue(inline.find(), "Swagger UI's page starts itself with an inline script");
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(inline.group(1).getBytes(StandardCharsets.UTF_8)));
        assertTrue(policy.contains("script-src 'self' 'sha256-" + hash + "';"), policy);
        assertFalse(policy.contains("script-src 'self' 'unsafe-inline'"), policy);
    }

    @Test
    void thePageFilesAreCountedAsStaticInTheMetrics() {
        server.get("/assets/app.css", null);
        String metrics = server.get("/metrics", null).body();
        assertTrue(metrics.contains("http_requests_total{method=\"GET\",route=\"static\",status=\"200\"}"), metrics);
    }
}

package org.magicsteps.http;

import java.util.Map;
import java.util.Set;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;

/**
 * The NGO staff's page, served at {@code /} from this jar's classpath: {@code index.html}, its
 * scripts and styles (our own small files, no build step), and the chart library from its WebJar.
 * Nothing is fetched from another site, so the page works on a network without the Internet. The
 * page speaks to the API like any other client, with a bearer token from {@code /token}; the API's
 * routes are matched before any file, so none of them changes.
 */
final class StaffPage {

    /** Where the page's files are on the classpath. */
    static final String RESOURCES = "/org/magicsteps/http/staff-page";
    /** Where the chart library's WebJar keeps its files on the classpath, and where they are served. */
    static final String CHART_JS_WEBJAR = "/META-INF/resources/webjars/chart.js";
    static final String CHART_JS_PATH = "/webjars/chart.js";

    private StaffPage() {
    }

    static void serve(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = RESOURCES;
            files.location = Location.CLASSPATH;
            files.roles = Set.of(Access.PUBLIC);
            // A new version of the server brings new files under the same names: revalidate each time.
            files.headers = Map.of("Cache-Control", "no-cache");
        });
        config.staticFiles.add(files -> {
            files.hostedPath = CHART_JS_PATH;
            files.directory = CHART_JS_WEBJAR;
            files.location = Location.CLASSPATH;
            files.roles = Set.of(Access.PUBLIC);
            // The WebJar's paths carry its version, so a file never changes under its name.
            files.headers = Map.of("Cache-Control", "public, max-age=31536000, immutable");
        });
    }
}

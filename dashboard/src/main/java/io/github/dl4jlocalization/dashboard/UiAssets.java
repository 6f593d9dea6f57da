package io.github.dl4jlocalization.dashboard;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.impl.MimeMapping;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Serves {@code GET /assets/*} from the classpath as DL4J's UI server does, so that the train
 * pages and the localization page load the same files: {@code /assets/webjars/X} from the webjar
 * resources {@code META-INF/resources/webjars/X} (jQuery, flot, CoreUI, ...) and any other
 * {@code /assets/X} from the UI's own {@code deeplearning4jUiAssets/X}. Unlike DL4J's handler it
 * reads the resources directly (no copy into a Vert.x file cache) and refuses paths with
 * {@code ..}, empty or backslash segments, which could leave those roots on a directory classpath.
 */
final class UiAssets {
    /** The URL prefix of the assets. */
    static final String PREFIX = "/assets/";
    private static final String WEBJARS = "webjars/";

    private UiAssets() {
    }

    /** The classpath resource of an asset path (after {@link #PREFIX}), or null when refused. */
    static String resourceOf(String assetPath) {
        boolean safe = !assetPath.isEmpty() && !assetPath.contains("\\")
                && Arrays.stream(assetPath.split("/", -1)).noneMatch(s -> s.isEmpty() || s.equals("..") || s.equals("."));
        if (!safe) {
            return null;
        }
        return assetPath.startsWith(WEBJARS) ? "META-INF/resources/" + assetPath : "deeplearning4jUiAssets/" + assetPath;
    }

    /** The handler of {@code GET /assets/*} (blocking: it reads the classpath). */
    static void serve(RoutingContext rc) {
        String path = rc.normalisedPath();
        String resource = path.startsWith(PREFIX) ? resourceOf(path.substring(PREFIX.length())) : null;
        byte[] bytes = resource == null ? null : read(resource);
        if (bytes == null) {
            rc.response().setStatusCode(404).end();
            return;
        }
        String type = MimeMapping.getMimeTypeForFilename(resource);
        rc.response().putHeader("Content-Type", type == null ? "application/octet-stream" : type)
                .putHeader("Cache-Control", "max-age=3600").putHeader("X-Content-Type-Options", "nosniff")
                .end(Buffer.buffer(bytes));
    }

    private static byte[] read(String resource) {
        try (InputStream in = UiAssets.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read asset " + resource, e);
        }
    }
}

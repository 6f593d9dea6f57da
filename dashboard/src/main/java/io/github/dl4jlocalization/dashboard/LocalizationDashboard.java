package io.github.dl4jlocalization.dashboard;

import io.github.dl4jlocalization.util.Require;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.core.storage.StatsStorageEvent;
import org.deeplearning4j.core.storage.StatsStorageListener;
import org.deeplearning4j.ui.VertxUIServer;
import org.deeplearning4j.ui.api.Route;
import org.deeplearning4j.ui.api.UIModule;
import org.deeplearning4j.ui.i18n.I18NProvider;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.deeplearning4j.ui.module.train.TrainModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The DL4J training UI with the localization page, reachable from this machine only: a Vert.x
 * HTTP server bound to {@value #HOST} (never to the other interfaces) that serves DL4J's train
 * pages ({@link TrainModule}: {@code /train/overview}, {@code /train/model}, {@code /train/system}),
 * the {@link LocalizationModule} page ({@code /localization}) and the UI's assets, for the attached
 * {@link StatsStorage}.
 *
 * <h2>Why not DL4J's {@code UIServer}</h2>
 * {@code UIServer.getInstance()} listens on every network interface (only its port can be set) and
 * has a remote receiver route that instantiates classes named by the request. This server has
 * neither: it binds the loopback address only, registers no remote-receiver (or upload) route, and
 * answers 403 to requests whose {@code Host} header is not {@code 127.0.0.1} or {@code localhost}
 * (so a web page cannot reach it through DNS rebinding). It accepts GET only.
 *
 * <p>DL4J's {@code TrainModule} reads the session mode from the process-wide
 * {@code VertxUIServer} instance. While a dashboard is open and no DL4J UI server runs, the process
 * therefore holds an idle {@code VertxUIServer} that never listens: a call to
 * {@code UIServer.getInstance()} in the meantime returns it instead of opening DL4J's server on
 * every interface. It is marked stopped when the last dashboard closes.
 *
 * <pre>{@code
 * StatsStorage storage = new InMemoryStatsStorage();            // or new FileStatsStorage(file)
 * StatsStorageRecordSink fields = new StatsStorageRecordSink(storage);
 * net.addListeners(new StatsListener(storage, 10, fields.sessionId()), new ReceptiveFieldListener(10, fields));
 * try (LocalizationDashboard ui = LocalizationDashboard.start(storage, 9000)) {
 *     System.out.println("Dashboard: " + ui.url());              // http://127.0.0.1:9000/localization
 *     net.fit(data, epochs);                                      // the page refreshes every 2 s
 * }
 * }</pre>
 * {@link #replay(Path, int)} serves a stats file written by a finished run ({@code FileStatsStorage}).
 */
public final class LocalizationDashboard implements AutoCloseable {
    /** The only address the server listens on. */
    public static final String HOST = "127.0.0.1";
    /** The {@code Host} header names accepted (with any port). */
    private static final Set<String> LOCAL_HOST_NAMES = Set.of(HOST, "localhost");
    private static final long TIMEOUT_SECONDS = 30;
    /**
     * Seconds after which a connection with no traffic is closed (the page polls every 2 s, so
     * an open page keeps its connection; a client that opens connections and leaves them idle
     * cannot hold them forever).
     */
    static final int IDLE_TIMEOUT_SECONDS = 60;
    private static final Logger log = LoggerFactory.getLogger(LocalizationDashboard.class);

    private final Vertx vertx;
    private final HttpServer server;
    private final List<UIModule> modules;
    private final StatsStorage storage;
    private final StatsStorageListener listener;
    private final ExecutorService events;
    private final boolean ownsStorage;
    private boolean closed;

    private LocalizationDashboard(StatsStorage storage, int port, boolean ownsStorage, int idleTimeoutSeconds) {
        this.storage = storage;
        this.ownsStorage = ownsStorage;
        IdleUiServer.acquire();
        try {
            this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2)
                    .setInternalBlockingPoolSize(1)
                    .setFileSystemOptions(new FileSystemOptions().setClassPathResolvingEnabled(false)
                            .setFileCachingEnabled(false).setFileCacheDir(
                                    Path.of(System.getProperty("java.io.tmpdir"), "dl4jlocalization-vertx").toString())));
        } catch (RuntimeException e) {
            IdleUiServer.release();
            throw e;
        }
        this.modules = List.of(new TrainModule(), new LocalizationModule());
        this.events = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "localization-dashboard-events");
            t.setDaemon(true);
            return t;
        });
        this.listener = event -> {
            try {
                events.execute(() -> route(event));
            } catch (RejectedExecutionException closing) {
                // the dashboard is closing: the event concerns no one any more
            }
        };
        HttpServer listening;
        try {
            listening = listen(router(), port, idleTimeoutSeconds);
        } catch (RuntimeException e) {
            shutDown();
            throw e;
        }
        this.server = listening;
        storage.registerStatsStorageListener(listener);
        modules.forEach(m -> m.onAttach(storage));
        log.info("Localization dashboard at {} (this machine only; DL4J's training pages at {})", url(),
                baseUrl() + "/train/overview");
    }

    /**
     * Serves the dashboard for {@code storage} (typically being written by a training in this
     * JVM: the pages refresh as records arrive) on {@value #HOST}:{@code port}.
     *
     * @param port the TCP port, 0 for any free port (see {@link #port()}), else in [1, 65535]
     * @throws IllegalStateException when the server cannot listen (e.g. the port is taken)
     */
    public static LocalizationDashboard start(StatsStorage storage, int port) {
        return start(storage, port, IDLE_TIMEOUT_SECONDS);
    }

    /** {@link #start(StatsStorage, int)} with another idle timeout (tests). */
    static LocalizationDashboard start(StatsStorage storage, int port, int idleTimeoutSeconds) {
        Require.nonNull("storage", storage);
        Require.inRange("port", port, 0, 65535);
        Require.atLeast("idleTimeoutSeconds", idleTimeoutSeconds, 1);
        return new LocalizationDashboard(storage, port, false, idleTimeoutSeconds);
    }

    /**
     * Serves the dashboard for a stats file of a finished run (a DL4J {@code FileStatsStorage}
     * file), e.g. one written in another JVM; the file is closed with the dashboard. The file must
     * not be open in another process (its database locks it).
     *
     * @param port the TCP port, 0 for any free port, else in [1, 65535]
     * @throws IllegalArgumentException when the file is missing or not a stats file
     */
    public static LocalizationDashboard replay(Path statsFile, int port) {
        Require.nonNull("statsFile", statsFile);
        Require.that(Files.isRegularFile(statsFile), "statsFile", statsFile, "an existing DL4J stats file");
        Require.inRange("port", port, 0, 65535);
        FileStatsStorage storage;
        try {
            storage = new FileStatsStorage(statsFile.toFile());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("statsFile must be a DL4J stats file (FileStatsStorage), got "
                    + statsFile + " (" + e.getMessage() + ")", e);
        }
        try {
            return new LocalizationDashboard(storage, port, true, IDLE_TIMEOUT_SECONDS);
        } catch (RuntimeException e) {
            closeQuietly(storage, e);
            throw e;
        }
    }

    private Router router() {
        Router router = Router.router(vertx);
        router.route().handler(LocalizationDashboard::localHostOnly);
        router.get("/").handler(rc -> rc.response().setStatusCode(302)
                .putHeader("Location", LocalizationModule.PATH).end());
        router.get(UiAssets.PREFIX + "*").blockingHandler(UiAssets::serve, false);
        router.get("/setlang/:to").handler(rc -> {   // the language menu of the train pages
            I18NProvider.getInstance().setDefaultLanguage(rc.pathParam("to"));
            rc.response().end();
        });
        for (UIModule module : modules) {
            for (Route route : module.getRoutes()) {
                router.route(io.vertx.core.http.HttpMethod.valueOf(route.getHttpMethod().name()), route.getRoute())
                        .blockingHandler(rc -> route.getConsumer().accept(pathArguments(route.getRoute(), rc), rc), false);
            }
        }
        return router;
    }

    /** Answers 403 unless the request names this machine in its Host header (DNS rebinding). */
    private static void localHostOnly(RoutingContext rc) {
        String host = rc.request().host();
        String name = host == null ? "" : host.replaceFirst(":\\d+$", "");
        if (LOCAL_HOST_NAMES.contains(name) && rc.request().method() == io.vertx.core.http.HttpMethod.GET) {
            rc.next();
        } else {
            rc.response().setStatusCode(403).end();
        }
    }

    /** The values of a route's {@code :name} segments, in order (what DL4J's modules expect). */
    private static List<String> pathArguments(String route, RoutingContext rc) {
        List<String> args = new ArrayList<>();
        for (String segment : route.split("/")) {
            if (segment.startsWith(":")) {
                args.add(rc.pathParam(segment.substring(1)));
            }
        }
        return args;
    }

    private HttpServer listen(Router router, int port, int idleTimeoutSeconds) {
        CompletableFuture<HttpServer> result = new CompletableFuture<>();
        vertx.createHttpServer(new HttpServerOptions().setHost(HOST).setPort(port)
                        .setIdleTimeout(idleTimeoutSeconds).setIdleTimeoutUnit(TimeUnit.SECONDS))
                .requestHandler(router)
                .listen(completing(result));
        try {
            return result.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot listen on " + HOST + ":" + port + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the dashboard on port " + port, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the dashboard did not start listening on " + HOST + ":" + port
                    + " within " + TIMEOUT_SECONDS + " s", e);
        }
    }

    private static <T> Handler<AsyncResult<T>> completing(CompletableFuture<T> future) {
        return ar -> {
            if (ar.succeeded()) {
                future.complete(ar.result());
            } else {
                future.completeExceptionally(ar.cause());
            }
        };
    }

    /** Hands a storage event to the modules that asked for its type (DL4J's UI does the same). */
    private void route(StatsStorageEvent event) {
        for (UIModule module : modules) {
            if (module.getCallbackTypeIDs().contains(event.getTypeID())) {
                module.reportStorageEvents(List.of(event));
            }
        }
    }

    /** The URL of the localization page, {@code http://127.0.0.1:PORT/localization}. */
    public String url() {
        return baseUrl() + LocalizationModule.PATH;
    }

    private String baseUrl() {
        return "http://" + HOST + ":" + port();
    }

    /** The TCP port the server listens on. */
    public int port() {
        return server.actualPort();
    }

    /** Stops the server (and closes the stats file of {@link #replay}); idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        log.info("Localization dashboard on port {} closing", port());
        storage.deregisterStatsStorageListener(listener);
        modules.forEach(m -> m.onDetach(storage));
        shutDown();
        if (ownsStorage) {
            try {
                storage.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close " + storage, e);
            }
        }
    }

    private void shutDown() {
        events.shutdownNow();
        CompletableFuture<Void> done = new CompletableFuture<>();
        vertx.close(completing(done));
        try {
            done.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("the dashboard's Vert.x instance did not close cleanly", e);
        } finally {
            IdleUiServer.release();
        }
    }

    private static void closeQuietly(StatsStorage storage, Exception cause) {
        try {
            storage.close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public String toString() {
        return "LocalizationDashboard(" + (closed ? "closed" : url()) + ", storage=" + storage + ")";
    }

    /**
     * The idle {@code VertxUIServer} that DL4J's {@code TrainModule} needs to read the session
     * mode from ({@code VertxUIServer.getInstance()}; it fails on null). Its constructor registers
     * it as the process-wide instance; it is never deployed, so it never listens. Counted: created
     * by the first open dashboard when no DL4J UI server runs, marked stopped by the last close.
     */
    private static final class IdleUiServer {
        private static VertxUIServer idle;
        private static int users;

        private IdleUiServer() {
        }

        static synchronized void acquire() {
            if (users++ == 0) {
                VertxUIServer current = VertxUIServer.getInstance();
                if (current == null || current.isStopped()) {
                    idle = new VertxUIServer();
                }
            }
        }

        static synchronized void release() {
            if (--users == 0 && idle != null) {
                idle.stop(Promise.promise());
                idle = null;
            }
        }
    }
}

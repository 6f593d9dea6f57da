package io.github.dl4jlocalization.dashboard;

import io.github.dl4jlocalization.listeners.EffectiveReceptiveFieldPersistable;
import io.github.dl4jlocalization.listeners.KurtosisPersistable;
import io.github.dl4jlocalization.listeners.PruningRoundPersistable;
import io.github.dl4jlocalization.listeners.ReceptiveFieldPersistable;
import io.vertx.ext.web.RoutingContext;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.core.storage.StatsStorageEvent;
import org.deeplearning4j.ui.api.HttpMethod;
import org.deeplearning4j.ui.api.Route;
import org.deeplearning4j.ui.api.UIModule;
import org.deeplearning4j.ui.i18n.I18NResource;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The localization page of the DL4J training UI: a {@link UIModule} (registered in
 * {@code META-INF/services/org.deeplearning4j.ui.api.UIModule}) that charts, per session of the
 * attached stats storages, the records of the listeners module: mean and max IPR against
 * iteration, the IPR of every unit over time (heatmap) and at the newest record (bars), the excess
 * kurtosis of the input marginals (per pixel and its mean over time, with the hidden
 * pre-activations' mean), the receptive fields of the most and least localized units, the weight
 * matrix sorted by IPR, for sessions with {@link PruningRoundPersistable} records, sparsity
 * and IPR per pruning round, and for sessions with {@link EffectiveReceptiveFieldPersistable}
 * records, the effective receptive fields (IPR and width over time, the newest fields, 2-D fields
 * as images, one unit's field over time). The page uses the jQuery and flot that the UI serves under
 * {@code /assets/webjars/} (nothing from the internet) and polls its data every 2 seconds.
 *
 * <p>Routes:
 * <ul>
 *   <li>{@code GET /localization}: the page (optionally {@code #session=ID});</li>
 *   <li>{@code GET /localization/localization.js}: its script;</li>
 *   <li>{@code GET /localization/sessions}: the sessions with localization records, newest first,
 *       as {@code [{"id":..,"started":ms,"pruning":bool}]};</li>
 *   <li>{@code GET /localization/data/:sessionId}: the session's chart data ({@link DashboardData}).</li>
 * </ul>
 * It reads the storages when the page asks (incrementally, see {@link SessionSummary}), so it
 * needs no storage events. {@link LocalizationDashboard} serves it on the loopback interface;
 * DL4J's own {@code UIServer} also picks it up through the service registration, but that server
 * listens on every interface.
 */
public final class LocalizationModule implements UIModule {
    /** The page's path. */
    public static final String PATH = "/localization";
    /** The record types whose sessions the page lists. */
    static final List<String> TYPE_IDS = List.of(ReceptiveFieldPersistable.TYPE_ID, KurtosisPersistable.TYPE_ID,
            PruningRoundPersistable.TYPE_ID, EffectiveReceptiveFieldPersistable.TYPE_ID);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAGE = resource("localization.html");
    private static final String SCRIPT = resource("localization.js");

    private final CopyOnWriteArrayList<StatsStorage> storages = new CopyOnWriteArrayList<>();
    private final Map<Key, SessionSummary> summaries = new ConcurrentHashMap<>();

    /** A session of one storage instance (identity, as DL4J's UI compares storages). */
    private record Key(StatsStorage storage, String sessionId) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.storage == storage && k.sessionId.equals(sessionId);
        }

        @Override
        public int hashCode() {
            return 31 * System.identityHashCode(storage) + sessionId.hashCode();
        }
    }

    /**
     * A session in the list of the page.
     *
     * @param started the earliest static-info timestamp of its localization records, ms
     * @param pruning whether it has pruning-round records
     */
    record SessionInfo(String id, long started, boolean pruning) {
    }

    /** A module with no storage attached; the server attaches them. */
    public LocalizationModule() {
    }

    /** None: the module reads the storages when the page asks. */
    @Override
    public List<String> getCallbackTypeIDs() {
        return List.of();
    }

    @Override
    public List<Route> getRoutes() {
        return List.of(
                new Route(PATH, HttpMethod.GET, (args, rc) -> send(rc, "text/html; charset=utf-8", PAGE)),
                new Route(PATH + "/localization.js", HttpMethod.GET,
                        (args, rc) -> send(rc, "application/javascript; charset=utf-8", SCRIPT)),
                new Route(PATH + "/sessions", HttpMethod.GET, (args, rc) -> sendJson(rc, sessions())),
                new Route(PATH + "/data/:sessionId", HttpMethod.GET, (args, rc) -> data(args.get(0), rc)));
    }

    /** The sessions with localization records in the attached storages, newest first. */
    List<SessionInfo> sessions() {
        List<SessionInfo> out = new ArrayList<>();
        for (StatsStorage storage : storages) {
            for (String id : storage.listSessionIDs()) {
                long started = Long.MAX_VALUE;
                for (String type : TYPE_IDS) {
                    for (Persistable info : storage.getAllStaticInfos(id, type)) {
                        started = Math.min(started, info.getTimeStamp());
                    }
                }
                if (started != Long.MAX_VALUE && out.stream().noneMatch(s -> s.id().equals(id))) {
                    out.add(new SessionInfo(id, started,
                            !storage.getAllStaticInfos(id, PruningRoundPersistable.TYPE_ID).isEmpty()));
                }
            }
        }
        out.sort(Comparator.comparingLong(SessionInfo::started).reversed().thenComparing(SessionInfo::id));
        return out;
    }

    /** The chart data of a session, or null when no attached storage has it. */
    DashboardData data(String sessionId) {
        for (StatsStorage storage : storages) {
            if (storage.sessionExists(sessionId)) {
                return summaries.computeIfAbsent(new Key(storage, sessionId), k -> new SessionSummary(storage, sessionId))
                        .refresh();
            }
        }
        return null;
    }

    private void data(String sessionId, RoutingContext rc) {
        DashboardData data = data(sessionId);
        if (data == null) {
            rc.response().setStatusCode(404);
            sendJson(rc, Map.of("error", "no session " + sessionId));
        } else {
            sendJson(rc, data);
        }
    }

    /** Nothing to do: the module reads the storages when the page asks. */
    @Override
    public void reportStorageEvents(Collection<StatsStorageEvent> events) {
        // the page's requests read the storages (SessionSummary.refresh)
    }

    @Override
    public void onAttach(StatsStorage storage) {
        storages.addIfAbsent(Objects.requireNonNull(storage, "storage"));
    }

    @Override
    public void onDetach(StatsStorage storage) {
        storages.remove(storage);
        summaries.keySet().removeIf(k -> k.storage == storage);
    }

    /** None: the page is in English. */
    @Override
    public List<I18NResource> getInternationalizationResources() {
        return List.of();
    }

    private static void sendJson(RoutingContext rc, Object value) {
        try {
            send(rc, "application/json; charset=utf-8", JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value + " as JSON", e);
        }
    }

    private static void send(RoutingContext rc, String contentType, String body) {
        rc.response().putHeader("Content-Type", contentType).putHeader("Cache-Control", "no-store")
                .putHeader("X-Content-Type-Options", "nosniff").end(body);
    }

    private static String resource(String name) {
        try (InputStream in = LocalizationModule.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " missing from the dashboard jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }

    @Override
    public String toString() {
        return "LocalizationModule(storages=" + storages.size() + ", sessions read=" + summaries.size() + ")";
    }
}

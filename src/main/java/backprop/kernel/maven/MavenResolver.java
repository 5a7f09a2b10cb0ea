package backprop.kernel.maven;

import org.apache.maven.model.Model;
import org.apache.maven.model.building.DefaultModelBuilderFactory;
import org.apache.maven.model.building.ModelBuilder;
import org.apache.maven.model.io.DefaultModelReader;
import org.apache.maven.model.io.DefaultModelWriter;
import org.apache.maven.model.io.ModelParseException;
import org.apache.maven.model.io.ModelReader;
import org.apache.maven.settings.Mirror;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.DefaultSettingsBuilderFactory;
import org.apache.maven.settings.building.DefaultSettingsBuildingRequest;
import org.apache.maven.settings.building.SettingsBuildingException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.AuthenticationSelector;
import org.eclipse.aether.repository.Proxy;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.resolution.DependencyResult;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;
import org.eclipse.aether.util.repository.AuthenticationBuilder;
import org.eclipse.aether.util.repository.DefaultAuthenticationSelector;
import org.eclipse.aether.util.repository.DefaultMirrorSelector;
import org.eclipse.aether.util.repository.DefaultProxySelector;
import org.eclipse.aether.util.repository.SimpleArtifactDescriptorPolicy;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * %maven and %%loadFromPOM on Apache Maven Resolver with Maven's own POM rules (parents, properties, profiles,
 * dependencyManagement and imported BOMs, version ranges, relocations, nearest wins): the jars of some
 * artifacts and of their compile and runtime dependencies, downloaded into the local repository. It honours the
 * user's {@code ~/.m2/settings.xml} (and the global one under {@code $MAVEN_HOME/conf}): the local repository,
 * offline mode, mirrors, proxies and the servers' credentials. Every download is checked against the
 * repository's checksums (a mismatch or a missing checksum fails), plain {@code http://} repositories are
 * blocked as Maven 3.8+ blocks them, and a POM with a DOCTYPE (a way to XML external entities) is refused
 * before it is parsed.
 */
public final class MavenResolver {
    static final String CENTRAL = "https://repo.maven.apache.org/maven2/";
    /** The groupId of a %%loadFromPOM cell's POM while it is resolved. */
    private static final String CELL_GROUP = "backprop-notebook-cell";
    private static final Pattern DOCTYPE = Pattern.compile("<!DOCTYPE", Pattern.CASE_INSENSITIVE);
    private static final Pattern BARE_DEPENDENCY = Pattern.compile("<dependency\\b.*?</dependency>", Pattern.DOTALL);

    /** Coordinates {@code group:artifact:version}, {@code group:artifact:type:version} or with a classifier. */
    public record Coord(String groupId, String artifactId, String version, String type, String classifier) {
        /**
         * Parses {@code group:artifact:version}, {@code group:artifact:type:version} or
         * {@code group:artifact:type:classifier:version}.
         */
        public static Coord parse(String s) {
            String[] p = s.trim().split(":", -1);
            boolean blank = false;
            for (String part : p) blank |= part.isBlank();
            if (p.length < 3 || p.length > 5 || blank) {
                throw new IllegalArgumentException("coordinates must be group:artifact:version "
                        + "(or group:artifact:type:version, group:artifact:type:classifier:version), got: " + s);
            }
            return switch (p.length) {
                case 3 -> new Coord(p[0], p[1], p[2], "jar", null);
                case 4 -> new Coord(p[0], p[1], p[3], p[2], null);
                default -> new Coord(p[0], p[1], p[4], p[2], p[3]);
            };
        }

        Artifact artifact() {
            return new DefaultArtifact(groupId, artifactId, classifier == null ? "" : classifier, type, version);
        }
    }

    /** A %%loadFromPOM cell: the POM it amounts to (a whole one, or its elements wrapped into one). */
    public record PomRequest(String pom) {}

    private final Settings settings;
    private final Path local;
    private final List<RemoteRepository> defaults;
    private final Consumer<String> log;
    private final RepositorySystem system;

    /**
     * A resolver with the user's settings ({@code ~/.m2/settings.xml}; the global ones when MAVEN_HOME or
     * M2_HOME is set) and Maven Central; {@code local} is the local repository unless the settings name one.
     */
    public MavenResolver(Path local, Consumer<String> log) {
        this(userSettings(), globalSettings(), local, List.of(CENTRAL), log);
    }

    MavenResolver(Path userSettings, Path globalSettings, Path local, List<String> repositories, Consumer<String> log) {
        this.settings = settings(userSettings, globalSettings);
        String fromSettings = settings.getLocalRepository();
        this.local = fromSettings != null && !fromSettings.isBlank() ? Paths.get(fromSettings) : local;
        List<RemoteRepository> repos = new ArrayList<>();
        for (int i = 0; i < repositories.size(); i++) repos.add(remote(i == 0 ? "central" : "repo-" + i, repositories.get(i)));
        this.defaults = List.copyOf(repos);
        this.log = log;
        this.system = new Supplier().get();
    }

    /** The local repository: {@code -Dmaven.repo.local}, else {@code ~/.m2/repository}. */
    public static Path defaultLocalRepository() {
        String p = System.getProperty("maven.repo.local");
        return p != null ? Paths.get(p) : Paths.get(System.getProperty("user.home"), ".m2", "repository");
    }

    /**
     * The jars (in class path order) of these artifacts and of their compile and runtime dependencies, from the
     * default repositories.
     */
    public List<Path> resolve(List<Coord> roots) throws IOException {
        CollectRequest collect = new CollectRequest();
        for (Coord c : roots) collect.addDependency(new Dependency(c.artifact(), JavaScopes.COMPILE));
        return resolve(collect, null);
    }

    /**
     * The jars of a %%loadFromPOM cell's dependencies (compile and runtime), with the POM's own repositories,
     * properties, dependencyManagement and parent as Maven reads them.
     */
    public List<Path> resolve(PomRequest request) throws IOException {
        refuseDoctype(request.pom(), "the %%loadFromPOM cell");
        Model model = new DefaultModelReader().read(new StringReader(request.pom()), Map.of(ModelReader.IS_STRICT, false));
        // the cell as an artifact of its own, named by its content: a changed cell is a new artifact (never the
        // copy of an earlier one that the local repository keeps), read by Maven's descriptor reader with
        // every rule, from a repository of its own
        String artifactId = "cell-" + sha1(request.pom().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
        model.setGroupId(CELL_GROUP);
        model.setArtifactId(artifactId);
        model.setVersion("0");
        model.setPackaging("pom");
        StringWriter pom = new StringWriter();
        new DefaultModelWriter().write(pom, Map.of(), model);
        Path dir = Files.createTempDirectory("loadFromPOM");
        try {
            Path pomFile = dir.resolve(CELL_GROUP).resolve(artifactId).resolve("0").resolve(artifactId + "-0.pom");
            Files.createDirectories(pomFile.getParent());
            byte[] bytes = pom.toString().getBytes(StandardCharsets.UTF_8);
            Files.write(pomFile, bytes);
            Files.writeString(Paths.get(pomFile + ".sha1"), sha1(bytes));
            CollectRequest collect = new CollectRequest();
            collect.setRoot(new Dependency(new DefaultArtifact(CELL_GROUP, artifactId, "pom", "0"), JavaScopes.COMPILE));
            RemoteRepository cell = new RemoteRepository.Builder("loadFromPOM", "default", dir.toUri().toString())
                    .setPolicy(new RepositoryPolicy(true, RepositoryPolicy.UPDATE_POLICY_ALWAYS, RepositoryPolicy.CHECKSUM_POLICY_FAIL))
                    .build();
            return resolve(collect, cell);
        } finally {
            deleteTree(dir);
            deleteTree(local.resolve(CELL_GROUP).resolve(artifactId));
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted((a, b) -> b.compareTo(a)).toList()) Files.deleteIfExists(p);
        }
    }

    private List<Path> resolve(CollectRequest collect, RemoteRepository first) throws IOException {
        List<RemoteRepository> repos = new ArrayList<>();
        if (first != null) repos.add(first);
        repos.addAll(defaults);
        try (RepositorySystemSession.CloseableSession session = session()) {
            collect.setRepositories(system.newResolutionRepositories(session, repos));
            DependencyRequest request = new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
            DependencyResult result = system.resolveDependencies(session, request);
            Set<Path> jars = new LinkedHashSet<>();
            for (ArtifactResult r : result.getArtifactResults()) {
                Artifact a = r.getArtifact();
                if (a == null || a.getPath() == null || "pom".equals(a.getExtension())) continue;
                jars.add(a.getPath());
            }
            log.accept("resolved " + jars.size() + " jar(s) into " + local);
            return List.copyOf(jars);
        } catch (DependencyResolutionException e) {
            throw new IOException(message(e), e);
        }
    }

    /** The first cause's message of each kind, the root cause last: what went wrong, without the stack. */
    private static String message(Throwable e) {
        StringBuilder sb = new StringBuilder();
        Set<String> seen = new LinkedHashSet<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && seen.add(m)) sb.append(sb.length() == 0 ? "" : "\n  caused by: ").append(m);
        }
        return sb.toString();
    }

    private RepositorySystemSession.CloseableSession session() {
        RepositorySystemSession.SessionBuilder b = new SessionBuilderSupplier(system).get();
        b.withLocalRepositoryBaseDirectories(local);
        b.setOffline(settings.isOffline());
        // strict: a POM that cannot be read (or is refused) fails the resolution instead of being skipped
        b.setArtifactDescriptorPolicy(new SimpleArtifactDescriptorPolicy(false, false));
        b.setChecksumPolicy(RepositoryPolicy.CHECKSUM_POLICY_FAIL);
        Map<String, String> sys = new java.util.HashMap<>();
        System.getProperties().forEach((k, v) -> sys.put(String.valueOf(k), String.valueOf(v)));
        System.getenv().forEach((k, v) -> sys.put("env." + k, v));
        b.setSystemProperties(sys);
        b.setMirrorSelector(mirrors());
        b.setProxySelector(proxies());
        b.setAuthenticationSelector(authentication());
        return b.build();
    }

    private DefaultMirrorSelector mirrors() {
        DefaultMirrorSelector m = new DefaultMirrorSelector();
        for (Mirror mirror : settings.getMirrors()) {
            m.add(mirror.getId(), mirror.getUrl(), mirror.getLayout(), false, mirror.isBlocked(), mirror.getMirrorOf(),
                    mirror.getMirrorOfLayouts());
        }
        // as Maven 3.8.1+: no artifact over plain http (a man in the middle could change it)
        m.add("maven-default-http-blocker", "http://0.0.0.0/", "default", false, true, "external:http:*", "default");
        return m;
    }

    private DefaultProxySelector proxies() {
        DefaultProxySelector p = new DefaultProxySelector();
        for (org.apache.maven.settings.Proxy proxy : settings.getProxies()) {
            if (!proxy.isActive()) continue;
            AuthenticationBuilder auth = new AuthenticationBuilder();
            if (proxy.getUsername() != null) auth.addUsername(proxy.getUsername()).addPassword(proxy.getPassword());
            p.add(new Proxy(proxy.getProtocol(), proxy.getHost(), proxy.getPort(), auth.build()), proxy.getNonProxyHosts());
        }
        return p;
    }

    private AuthenticationSelector authentication() {
        DefaultAuthenticationSelector a = new DefaultAuthenticationSelector();
        for (Server s : settings.getServers()) {
            if (s.getUsername() == null) continue;
            a.add(s.getId(), new AuthenticationBuilder().addUsername(s.getUsername()).addPassword(s.getPassword()).build());
        }
        return a;
    }

    private static RemoteRepository remote(String id, String url) {
        String u = url.endsWith("/") ? url : url + "/";
        if (!u.toLowerCase(Locale.ROOT).matches("(https?|file)://.*")) {
            throw new IllegalArgumentException("repository URL " + url + ": expected https://..., http://... or file:...");
        }
        RepositoryPolicy releases = new RepositoryPolicy(true, RepositoryPolicy.UPDATE_POLICY_DAILY, RepositoryPolicy.CHECKSUM_POLICY_FAIL);
        RepositoryPolicy snapshots = new RepositoryPolicy(true, RepositoryPolicy.UPDATE_POLICY_DAILY, RepositoryPolicy.CHECKSUM_POLICY_FAIL);
        return new RemoteRepository.Builder(id, "default", u).setReleasePolicy(releases).setSnapshotPolicy(snapshots).build();
    }

    private static Path userSettings() {
        return Paths.get(System.getProperty("user.home"), ".m2", "settings.xml");
    }

    private static Path globalSettings() {
        for (String env : new String[]{"MAVEN_HOME", "M2_HOME"}) {
            String home = System.getenv(env);
            if (home != null && !home.isBlank()) return Paths.get(home, "conf", "settings.xml");
        }
        return null;
    }

    private static Settings settings(Path user, Path global) {
        DefaultSettingsBuildingRequest r = new DefaultSettingsBuildingRequest();
        if (user != null && Files.isRegularFile(user)) r.setUserSettingsFile(user.toFile());
        if (global != null && Files.isRegularFile(global)) r.setGlobalSettingsFile(global.toFile());
        Properties sys = new Properties();
        sys.putAll(System.getProperties());
        System.getenv().forEach((k, v) -> sys.setProperty("env." + k, v));
        r.setSystemProperties(sys);
        try {
            return new DefaultSettingsBuilderFactory().newInstance().build(r).getEffectiveSettings();
        } catch (SettingsBuildingException e) {
            throw new IllegalArgumentException("Maven settings " + user + ": " + e.getMessage(), e);
        }
    }

    /**
     * A %%loadFromPOM body as a POM: a whole {@code <project>}, or its elements ({@code <dependencies>},
     * {@code <repositories>}, {@code <properties>}, ... or bare {@code <dependency>} elements) wrapped into one.
     */
    public static PomRequest parsePomSnippet(String xml) throws IOException {
        String body = xml.strip();
        refuseDoctype(body, "the %%loadFromPOM cell");
        if (body.startsWith("<?xml")) {
            int end = body.indexOf("?>");
            body = end < 0 ? body : body.substring(end + 2).strip();
        }
        if (!body.startsWith("<project")) {
            if (!body.contains("<dependencies")) {
                // bare <dependency> elements (as IJava accepts them) go into one <dependencies>
                Matcher m = BARE_DEPENDENCY.matcher(body);
                StringBuilder deps = new StringBuilder();
                while (m.find()) deps.append(m.group());
                if (deps.length() > 0) body = m.replaceAll("") + "<dependencies>" + deps + "</dependencies>";
            }
            body = "<project><modelVersion>4.0.0</modelVersion><groupId>notebook</groupId><artifactId>loadFromPOM</artifactId>"
                    + "<version>0</version><packaging>pom</packaging>" + body + "</project>";
        }
        Model model = new DefaultModelReader().read(new StringReader(body), Map.of(ModelReader.IS_STRICT, false));
        if (model.getDependencies().isEmpty() && model.getParent() == null) {
            throw new IllegalArgumentException("the cell holds no <dependency>");
        }
        return new PomRequest(body);
    }

    private static void refuseDoctype(String xml, String what) throws ModelParseException {
        if (DOCTYPE.matcher(xml).find()) {
            throw new ModelParseException(what + " has a DOCTYPE; refused (a DTD can read local files and send them "
                    + "elsewhere through external entities, and no POM needs one)", -1, -1);
        }
    }

    /** The hex SHA-1 of some bytes, as a repository's .sha1 file holds it. */
    static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Maven Resolver wired as Maven 3 wires it, except that every POM it reads goes through {@link RefusingReader}. */
    private static final class Supplier extends RepositorySystemSupplier {
        @Override
        protected ModelBuilder createModelBuilder() {
            return new DefaultModelBuilderFactory() {
                @Override
                protected ModelReader newModelReader() {
                    return new RefusingReader();
                }
            }.newInstance();
        }
    }

    /** Maven's POM reader, refusing a POM with a DOCTYPE before any XML parser sees it. */
    static final class RefusingReader extends DefaultModelReader {
        @Override
        public Model read(File input, Map<String, ?> options) throws IOException {
            try (InputStream in = Files.newInputStream(input.toPath())) {
                return read(in, options, input.toString());
            }
        }

        @Override
        public Model read(Reader input, Map<String, ?> options) throws IOException {
            StringBuilder sb = new StringBuilder();
            char[] buf = new char[8192];
            for (int n; (n = input.read(buf)) > 0; ) sb.append(buf, 0, n);
            refuseDoctype(sb.toString(), "a POM");
            return super.read(new StringReader(sb.toString()), options);
        }

        @Override
        public Model read(InputStream input, Map<String, ?> options) throws IOException {
            return read(input, options, "a POM");
        }

        private Model read(InputStream input, Map<String, ?> options, String what) throws IOException {
            byte[] bytes = input.readAllBytes();
            // a DOCTYPE is ASCII in every encoding a POM may have (UTF-8, ISO-8859-1); UTF-16 is looked at too
            refuseDoctype(new String(bytes, StandardCharsets.ISO_8859_1), what);
            refuseDoctype(new String(bytes, StandardCharsets.UTF_16), what);
            return super.read(new ByteArrayInputStream(bytes), options);
        }
    }
}

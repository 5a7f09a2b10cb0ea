package backprop.kernel.maven;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small Maven resolver for %maven and %%loadFromPOM: reads POMs (parents, properties, dependencyManagement
 * and imported BOMs), walks compile and runtime dependencies breadth-first with nearest-wins and exclusions,
 * and takes artifacts from the local repository (~/.m2/repository) or downloads them from Maven Central
 * (and repositories a %%loadFromPOM names) into it. No version ranges beyond taking the lower bound,
 * no profiles.
 */
public final class MavenResolver {
    static final String CENTRAL = "https://repo.maven.apache.org/maven2/";

    public record Coord(String groupId, String artifactId, String version, String type, String classifier) {
        public static Coord parse(String s) {
            String[] p = s.trim().split(":");
            if (p.length < 3 || p.length > 5) {
                throw new IllegalArgumentException("coordinates must be group:artifact:version "
                        + "(or group:artifact:type:version, group:artifact:type:classifier:version), got: " + s);
            }
            return switch (p.length) {
                case 3 -> new Coord(p[0], p[1], p[2], "jar", null);
                case 4 -> new Coord(p[0], p[1], p[3], p[2], null);
                default -> new Coord(p[0], p[1], p[4], p[2], p[3]);
            };
        }

        String key() {
            return groupId + ":" + artifactId + (classifier == null ? "" : ":" + classifier);
        }

        String path(String ext) {
            return groupId.replace('.', '/') + "/" + artifactId + "/" + version + "/" + artifactId + "-" + version
                    + (classifier == null || ext.equals("pom") ? "" : "-" + classifier) + "." + ext;
        }
    }

    record Dep(Coord coord, String scope, boolean optional, Set<String> exclusions) {}

    public record PomRequest(List<Coord> dependencies, List<String> repositories) {}

    private static final class Pom {
        final Map<String, String> props = new HashMap<>();
        final Map<String, Dep> managed = new LinkedHashMap<>();
        final List<Dep> deps = new ArrayList<>();
        String packaging = "jar";
    }

    private final Path local;
    private final Consumer<String> log;
    private final List<String> repos = new ArrayList<>(List.of(CENTRAL));
    private final Map<String, Pom> poms = new HashMap<>();
    private HttpClient http;

    public MavenResolver(Path local, Consumer<String> log) {
        this.local = local;
        this.log = log;
    }

    public static Path defaultLocalRepository() {
        String p = System.getProperty("maven.repo.local");
        return p != null ? Paths.get(p) : Paths.get(System.getProperty("user.home"), ".m2", "repository");
    }

    /** The jars of these artifacts and their compile/runtime dependencies. */
    public List<Path> resolve(List<Coord> roots, List<String> extraRepos) throws IOException {
        for (String r : extraRepos) if (!repos.contains(r)) repos.add(r.endsWith("/") ? r : r + "/");
        Map<String, Coord> chosen = new LinkedHashMap<>();
        ArrayDeque<Dep> queue = new ArrayDeque<>();
        for (Coord c : roots) queue.add(new Dep(c, "compile", false, Set.of()));
        while (!queue.isEmpty()) {
            Dep d = queue.poll();
            Coord c = d.coord();
            if (chosen.containsKey(c.key())) continue;
            chosen.put(c.key(), c);
            Pom pom = effective(c.groupId(), c.artifactId(), c.version(), 0);
            for (Dep t : pom.deps) {
                String scope = t.scope() == null ? "compile" : t.scope();
                if (t.optional() || !(scope.equals("compile") || scope.equals("runtime"))) continue;
                Coord tc = t.coord();
                if (d.exclusions().contains(tc.groupId() + ":" + tc.artifactId()) || d.exclusions().contains(tc.groupId() + ":*")
                        || d.exclusions().contains("*:*")) continue;
                if (tc.version() == null || tc.version().isBlank()) {
                    throw new IOException("no version for " + tc.key() + " (needed by " + c.key() + ")");
                }
                Set<String> ex = new HashSet<>(d.exclusions());
                ex.addAll(t.exclusions());
                queue.add(new Dep(tc, scope, false, ex));
            }
        }
        List<Path> jars = new ArrayList<>();
        for (Coord c : chosen.values()) {
            Pom pom = effective(c.groupId(), c.artifactId(), c.version(), 0);
            if ("pom".equals(c.type()) || ("pom".equals(pom.packaging) && c.classifier() == null)) continue;
            jars.add(fetch(c, "jar"));
        }
        return jars;
    }

    private Pom effective(String g, String a, String v, int depth) throws IOException {
        String key = g + ":" + a + ":" + v;
        Pom cached = poms.get(key);
        if (cached != null) return cached;
        if (depth > 20) throw new IOException("parent chain too deep at " + key);
        Coord c = new Coord(g, a, v, "pom", null);
        Document doc = parse(Files.readAllBytes(fetch(c, "pom")), key);
        Element project = doc.getDocumentElement();
        Pom pom = new Pom();
        Element parent = child(project, "parent");
        if (parent != null) {
            Pom pp = effective(text(parent, "groupId"), text(parent, "artifactId"), text(parent, "version"), depth + 1);
            pom.props.putAll(pp.props);
            pom.managed.putAll(pp.managed);
            pom.deps.addAll(pp.deps);
        }
        Element props = child(project, "properties");
        if (props != null) {
            for (Element e : children(props)) pom.props.put(e.getTagName(), e.getTextContent().trim());
        }
        String gid = text(project, "groupId") != null ? text(project, "groupId") : g;
        pom.props.put("project.groupId", gid);
        pom.props.put("project.artifactId", a);
        pom.props.put("project.version", v);
        pom.props.put("pom.version", v);
        pom.props.put("version", v);
        if (parent != null) pom.props.put("project.parent.version", text(parent, "version"));
        if (text(project, "packaging") != null) pom.packaging = text(project, "packaging");
        Element dm = child(project, "dependencyManagement");
        if (dm != null && child(dm, "dependencies") != null) {
            for (Dep d : deps(child(dm, "dependencies"), pom.props)) {
                if ("import".equals(d.scope()) && "pom".equals(d.coord().type())) {
                    Pom bom = effective(d.coord().groupId(), d.coord().artifactId(), d.coord().version(), depth + 1);
                    bom.managed.forEach(pom.managed::putIfAbsent);
                } else {
                    pom.managed.put(d.coord().key(), d);
                }
            }
        }
        Element ds = child(project, "dependencies");
        if (ds != null) pom.deps.addAll(deps(ds, pom.props));
        List<Dep> managedDeps = new ArrayList<>();
        for (Dep d : pom.deps) {
            Dep m = pom.managed.get(d.coord().key());
            Coord dc = d.coord();
            String ver = dc.version() != null ? dc.version() : m == null ? null : m.coord().version();
            String scope = d.scope() != null ? d.scope() : m == null ? null : m.scope();
            Set<String> ex = new HashSet<>(d.exclusions());
            if (m != null) ex.addAll(m.exclusions());
            managedDeps.add(new Dep(new Coord(dc.groupId(), dc.artifactId(), lowerBound(ver), dc.type(), dc.classifier()), scope, d.optional(), ex));
        }
        pom.deps.clear();
        pom.deps.addAll(managedDeps);
        poms.put(key, pom);
        return pom;
    }

    private static String lowerBound(String v) {
        if (v == null || !(v.startsWith("[") || v.startsWith("("))) return v;
        String inner = v.substring(1, v.length() - 1);
        String lo = inner.split(",", -1)[0].trim();
        return lo.isEmpty() ? inner.split(",", -1)[1].trim() : lo;
    }

    private static List<Dep> deps(Element dependencies, Map<String, String> props) {
        List<Dep> out = new ArrayList<>();
        for (Element d : children(dependencies)) {
            if (!d.getTagName().equals("dependency")) continue;
            String type = sub(text(d, "type"), props);
            Coord c = new Coord(sub(text(d, "groupId"), props), sub(text(d, "artifactId"), props), sub(text(d, "version"), props),
                    type == null ? "jar" : type, sub(text(d, "classifier"), props));
            Set<String> ex = new HashSet<>();
            Element exs = child(d, "exclusions");
            if (exs != null) for (Element e : children(exs)) ex.add(text(e, "groupId") + ":" + text(e, "artifactId"));
            out.add(new Dep(c, sub(text(d, "scope"), props), "true".equals(sub(text(d, "optional"), props)), ex));
        }
        return out;
    }

    private static final Pattern PROP = Pattern.compile("\\$\\{([^}]+)}");

    private static String sub(String s, Map<String, String> props) {
        if (s == null) return null;
        for (int round = 0; round < 10 && s.contains("${"); round++) {
            Matcher m = PROP.matcher(s);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String v = props.get(m.group(1));
                if (v == null) v = System.getProperty(m.group(1), m.group());
                m.appendReplacement(sb, Matcher.quoteReplacement(v));
            }
            m.appendTail(sb);
            if (sb.toString().equals(s)) break;
            s = sb.toString();
        }
        return s;
    }

    private Path fetch(Coord c, String ext) throws IOException {
        Path target = local.resolve(c.path(ext));
        if (Files.isRegularFile(target)) return target;
        if (http == null) http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(20)).build();
        List<String> tried = new ArrayList<>();
        for (String repo : repos) {
            String url = repo + c.path(ext);
            tried.add(url);
            try {
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() != 200) continue;
                Files.createDirectories(target.getParent());
                Path tmp = Files.createTempFile(target.getParent(), "dl", ".part");
                Files.write(tmp, r.body());
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                log.accept("Downloaded " + url);
                return target;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while downloading " + url);
            } catch (IOException e) {
                // next repository
            }
        }
        throw new IOException("cannot find " + c.groupId() + ":" + c.artifactId() + ":" + c.version() + " (" + ext + ") in " + local + " or at " + tried);
    }

    /** A %%loadFromPOM body: a whole POM, or just <dependency>/<dependencies>/<repositories> elements. */
    public static PomRequest parsePomSnippet(String xml) throws IOException {
        String body = xml.trim();
        if (!body.contains("<project")) body = "<project>" + body + "</project>";
        Element project = parse(body.getBytes(StandardCharsets.UTF_8), "%%loadFromPOM").getDocumentElement();
        Map<String, String> props = new HashMap<>();
        Element p = child(project, "properties");
        if (p != null) for (Element e : children(p)) props.put(e.getTagName(), e.getTextContent().trim());
        List<Coord> coords = new ArrayList<>();
        List<Element> depLists = new ArrayList<>();
        if (child(project, "dependencies") != null) depLists.add(child(project, "dependencies"));
        depLists.add(project); // bare <dependency> elements
        for (Element list : depLists) {
            for (Dep d : deps(list, props)) {
                String scope = d.scope() == null ? "compile" : d.scope();
                if (scope.equals("compile") || scope.equals("runtime")) coords.add(d.coord());
            }
        }
        List<String> repos = new ArrayList<>();
        Element rs = child(project, "repositories");
        if (rs != null) for (Element r : children(rs)) if (text(r, "url") != null) repos.add(text(r, "url"));
        if (coords.isEmpty()) throw new IllegalArgumentException("the cell holds no <dependency> with compile or runtime scope");
        return new PomRequest(coords, repos);
    }

    private static Document parse(byte[] xml, String what) throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new IOException(what + " is not well-formed XML: " + e.getMessage());
        }
    }

    private static Element child(Element e, String name) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(name)) return c;
        }
        return null;
    }

    private static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) if (n instanceof Element c) out.add(c);
        return out;
    }

    private static String text(Element e, String name) {
        Element c = child(e, name);
        return c == null ? null : c.getTextContent().trim();
    }
}

package backprop.kernel.maven;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The resolver against file repositories built here (with SHA-1 files, as a repository serves them), with an
 * empty settings.xml unless a test writes one, and a local repository of its own: Maven's rules (a child's
 * property used in its parent's dependency, a version range, a relocation), a mirror from settings.xml, and
 * what it refuses (a POM with a DOCTYPE, a download whose checksum does not match).
 */
class MavenResolverTest {
    @TempDir
    Path tmp;

    /** A file repository in {@code dir}: POMs and jars with their .sha1, as a Maven repository has them. */
    record Repo(Path dir) {
        Repo pom(String g, String a, String v, String body) throws IOException {
            String pom = "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
                    + "<groupId>" + g + "</groupId><artifactId>" + a + "</artifactId><version>" + v + "</version>" + body + "</project>";
            return file(g, a, v, a + "-" + v + ".pom", pom.getBytes(StandardCharsets.UTF_8));
        }

        Repo rawPom(String g, String a, String v, String pom) throws IOException {
            return file(g, a, v, a + "-" + v + ".pom", pom.getBytes(StandardCharsets.UTF_8));
        }

        Repo jar(String g, String a, String v) throws IOException {
            pom(g, a, v, "");
            return file(g, a, v, a + "-" + v + ".jar", (g + ":" + a + ":" + v).getBytes(StandardCharsets.UTF_8));
        }

        Repo metadata(String g, String a, String... versions) throws IOException {
            StringBuilder vs = new StringBuilder();
            for (String v : versions) vs.append("<version>").append(v).append("</version>");
            String xml = "<metadata><groupId>" + g + "</groupId><artifactId>" + a + "</artifactId><versioning><release>"
                    + versions[versions.length - 1] + "</release><versions>" + vs + "</versions></versioning></metadata>";
            Path f = dir.resolve(g.replace('.', '/')).resolve(a).resolve("maven-metadata.xml");
            write(f, xml.getBytes(StandardCharsets.UTF_8), true);
            return this;
        }

        Repo file(String g, String a, String v, String name, byte[] bytes) throws IOException {
            write(dir.resolve(g.replace('.', '/')).resolve(a).resolve(v).resolve(name), bytes, true);
            return this;
        }

        static void write(Path f, byte[] bytes, boolean checksum) throws IOException {
            Files.createDirectories(f.getParent());
            Files.write(f, bytes);
            if (checksum) Files.writeString(Path.of(f + ".sha1"), MavenResolver.sha1(bytes));
        }

        String url() {
            return dir.toUri().toString();
        }
    }

    Repo repo(String name) throws IOException {
        return new Repo(Files.createDirectories(tmp.resolve(name)));
    }

    MavenResolver resolver(String settingsXml, Repo... repos) throws IOException {
        Path settings = tmp.resolve("settings.xml");
        Files.writeString(settings, settingsXml);
        List<String> urls = new ArrayList<>();
        for (Repo r : repos) urls.add(r.url());
        return new MavenResolver(settings, null, tmp.resolve("local"), urls, m -> {});
    }

    MavenResolver resolver(Repo... repos) throws IOException {
        return resolver("<settings/>", repos);
    }

    static List<String> names(List<Path> jars) {
        return jars.stream().map(p -> p.getFileName().toString()).toList();
    }

    static final String DEP = "<dependencies><dependency><groupId>d</groupId><artifactId>dep</artifactId>"
            + "<version>${dep.version}</version></dependency></dependencies>";

    Repo parentAndChild(Repo r) throws IOException {
        r.pom("t", "parent", "1", "<packaging>pom</packaging><properties><dep.version>1.0</dep.version></properties>" + DEP);
        r.pom("t", "child", "1", "<parent><groupId>t</groupId><artifactId>parent</artifactId><version>1</version></parent>"
                + "<properties><dep.version>2.0</dep.version></properties>");
        r.file("t", "child", "1", "child-1.jar", "child".getBytes(StandardCharsets.UTF_8));
        r.jar("d", "dep", "1.0").jar("d", "dep", "2.0");
        return r;
    }

    @Test
    void aChildsPropertyWinsInTheDependencyItsParentDeclares() throws IOException {
        Repo r = parentAndChild(repo("remote"));
        List<Path> jars = resolver(r).resolve(List.of(MavenResolver.Coord.parse("t:child:1")));
        assertEquals(List.of("child-1.jar", "dep-2.0.jar"), names(jars));
        assertTrue(jars.get(1).startsWith(tmp.resolve("local")), "downloaded into the local repository: " + jars);
    }

    @Test
    void aVersionRangeTakesTheHighestVersionInside() throws IOException {
        Repo r = repo("remote");
        r.jar("d", "lib", "1.0").jar("d", "lib", "1.5").jar("d", "lib", "2.0").metadata("d", "lib", "1.0", "1.5", "2.0");
        r.jar("t", "ranged", "1");
        r.pom("t", "ranged", "1", "<dependencies><dependency><groupId>d</groupId><artifactId>lib</artifactId>"
                + "<version>[1.0,2.0)</version></dependency></dependencies>");
        List<Path> jars = resolver(r).resolve(List.of(MavenResolver.Coord.parse("t:ranged:1")));
        assertEquals(List.of("ranged-1.jar", "lib-1.5.jar"), names(jars));
    }

    @Test
    void aRelocatedArtifactIsTakenFromWhereItMoved() throws IOException {
        Repo r = repo("remote");
        r.pom("t", "old", "1", "<distributionManagement><relocation><artifactId>new</artifactId></relocation></distributionManagement>");
        r.jar("t", "new", "1");
        List<Path> jars = resolver(r).resolve(List.of(MavenResolver.Coord.parse("t:old:1")));
        assertEquals(List.of("new-1.jar"), names(jars));
    }

    @Test
    void aMirrorInSettingsXmlServesTheRepositories() throws IOException {
        Repo mirror = parentAndChild(repo("mirror"));
        Repo empty = repo("empty");
        var coords = List.of(MavenResolver.Coord.parse("t:child:1"));
        IOException without = assertThrows(IOException.class, () -> resolver(empty).resolve(coords));
        assertTrue(without.getMessage().contains("t:child"), without.getMessage());
        String settings = "<settings><mirrors><mirror><id>m</id><mirrorOf>*</mirrorOf><url>" + mirror.url()
                + "</url></mirror></mirrors></settings>";
        List<Path> jars = resolver(settings, empty).resolve(coords);
        assertEquals(List.of("child-1.jar", "dep-2.0.jar"), names(jars));
    }

    @Test
    void offlineInSettingsXmlUsesOnlyTheLocalRepository() throws IOException {
        Repo r = parentAndChild(repo("remote"));
        var coords = List.of(MavenResolver.Coord.parse("t:child:1"));
        IOException offline = assertThrows(IOException.class,
                () -> resolver("<settings><offline>true</offline></settings>", r).resolve(coords));
        assertTrue(offline.getMessage().contains("offline"), offline.getMessage());
        resolver(r).resolve(coords); // now in the local repository
        assertEquals(List.of("child-1.jar", "dep-2.0.jar"),
                names(resolver("<settings><offline>true</offline></settings>", r).resolve(coords)));
    }

    @Test
    void aPomWithAnExternalEntityIsRefusedAndNothingIsFetched() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            requests.incrementAndGet();
            ex.sendResponseHeaders(200, 0);
            ex.close();
        });
        server.start();
        try {
            String entity = "http://127.0.0.1:" + server.getAddress().getPort() + "/steal";
            Repo r = repo("remote");
            r.rawPom("t", "evil", "1", "<?xml version=\"1.0\"?>\n<!DOCTYPE project [<!ENTITY x SYSTEM \"" + entity + "\">]>\n"
                    + "<project><modelVersion>4.0.0</modelVersion><groupId>t</groupId><artifactId>evil</artifactId>"
                    + "<version>1</version><description>&x;</description></project>");
            r.file("t", "evil", "1", "evil-1.jar", new byte[]{1});
            IOException e = assertThrows(IOException.class,
                    () -> resolver(r).resolve(List.of(MavenResolver.Coord.parse("t:evil:1"))));
            assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
            IOException cell = assertThrows(IOException.class, () -> MavenResolver.parsePomSnippet(
                    "<!DOCTYPE x [<!ENTITY e SYSTEM \"" + entity + "\">]><dependency><groupId>&e;</groupId></dependency>"));
            assertTrue(cell.getMessage().contains("DOCTYPE"), cell.getMessage());
            assertEquals(0, requests.get(), "requests to the external entity's URL");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aDownloadWhoseChecksumDiffersIsRefused() throws IOException {
        Repo r = repo("remote");
        r.pom("t", "bad", "1", "");
        Path jar = r.dir().resolve("t/bad/1/bad-1.jar");
        Files.write(jar, "the real bytes".getBytes(StandardCharsets.UTF_8));
        Files.writeString(Path.of(jar + ".sha1"), MavenResolver.sha1("other bytes".getBytes(StandardCharsets.UTF_8)));
        IOException e = assertThrows(IOException.class,
                () -> resolver(r).resolve(List.of(MavenResolver.Coord.parse("t:bad:1"))));
        assertTrue(e.getMessage().toLowerCase().contains("checksum"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("local/t/bad/1/bad-1.jar")), "the corrupt jar is not kept");
    }

    @Test
    void aLoadFromPomCellIsReadAsMavenReadsAPom() throws IOException {
        Repo r = parentAndChild(repo("remote"));
        String cell = "<properties><dep.version>1.0</dep.version></properties>\n"
                + "<repositories><repository><id>cell</id><url>" + r.url() + "</url></repository></repositories>\n" + DEP;
        List<Path> jars = resolver(repo("empty")).resolve(MavenResolver.parsePomSnippet(cell));
        assertEquals(List.of("dep-1.0.jar"), names(jars));
        String bare = "<properties><dep.version>2.0</dep.version></properties>\n"
                + "<dependency><groupId>d</groupId><artifactId>dep</artifactId><version>${dep.version}</version></dependency>";
        assertEquals(List.of("dep-2.0.jar"), names(resolver(r).resolve(MavenResolver.parsePomSnippet(bare))));
        try (var left = Files.walk(tmp.resolve("local"))) {
            assertEquals(List.of(), left.filter(Files::isRegularFile).filter(p -> p.toString().contains("cell")).toList(),
                    "the cells' POMs are not left in the local repository");
        }
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> MavenResolver.parsePomSnippet("<properties/>"));
        assertEquals("the cell holds no <dependency>", none.getMessage());
    }

    @Test
    void coordinatesAreCheckedWithAClearMessage() {
        assertEquals(new MavenResolver.Coord("g", "a", "1", "jar", null), MavenResolver.Coord.parse("g:a:1"));
        assertEquals(new MavenResolver.Coord("g", "a", "1", "pom", "c"), MavenResolver.Coord.parse("g:a:pom:c:1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MavenResolver.Coord.parse("g:a"));
        assertTrue(e.getMessage().endsWith("got: g:a"), e.getMessage());
    }
}

package dev.polydl.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The report as a reader sees it: {@code report.html} rendered by Debian's headless Chromium (driven through its
 * chromedriver), both one generated from this test's own small real run and the committed one. Every image must load,
 * every internal link must find its heading, the console must stay free of errors; a screenshot of every section is kept
 * under {@code target/report-screenshots/} for people to look at. Without Chromium the test is skipped and says why.
 */
class ReportInBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** A laptop screen. */
    private static final int WIDTH = 1366;
    private static final int HEIGHT = 900;
    private static final Path SCREENSHOTS = Path.of("target", "report-screenshots");

    private static ChromeDriver browser;

    @TempDir
    Path temp;

    @BeforeAll
    static void startChromium() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "needs Debian's chromium and "
                + "chromium-driver packages (" + CHROMIUM + ", " + CHROMEDRIVER + "); .ci/run installs them");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--window-size=" + WIDTH + "," + HEIGHT, "--allow-file-access-from-files", "--hide-scrollbars");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopChromium() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aReportFromARealRunRendersCompletely() throws IOException {
        Path out = temp.resolve("run");
        assertEquals(0, Main.execute("compare", "--frameworks", "tensorflow,pytorch", "--tasks", "fcn,argsort", "--epochs", "3",
                "--threads", "2", "--warm-up", "0s", "--out", out.toString()));
        List<String> sections = check(out.resolve("report.html"), "generated");
        assertTrue(sections.contains("summary") && sections.contains("timings") && sections.contains("learning-curves"), sections.toString());
    }

    @Test
    void theCommittedReportRendersCompletely() throws IOException {
        Path committed = Path.of(System.getProperty("polydl.home", "..")).resolve("results").resolve("report.html");
        Assumptions.assumeTrue(Files.isRegularFile(committed), "no committed report at " + committed);
        List<String> sections = check(committed, "committed");
        assertEquals("summary", sections.get(0), "the report opens with its summary");
    }

    /** Opens the page, checks it, keeps a screenshot per section; returns the sections' ids in page order. */
    @SuppressWarnings("unchecked")
    private static List<String> check(Path page, String name) throws IOException {
        browser.manage().logs().get(LogType.BROWSER); // drop what an earlier page logged
        browser.get(page.toUri().toString());
        browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "Promise.all(Array.from(document.images).map(i => i.complete ? null : new Promise(r => { i.onload = i.onerror = r; })))"
                + ".then(() => done(null));");

        List<String> images = (List<String>) browser.executeScript("return Array.from(document.images).map(i => i.getAttribute('src'));");
        assertTrue(!images.isEmpty(), page + " has no images");
        List<String> broken = (List<String>) browser.executeScript(
                "return Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.getAttribute('src'));");
        assertEquals(List.of(), broken, page + ": images that did not load");

        List<String> links = (List<String>) browser.executeScript(
                "return Array.from(document.querySelectorAll('a[href^=\"#\"]')).map(a => a.getAttribute('href'));");
        assertTrue(links.size() >= 5, page + ": the table of contents should link every section, found " + links);
        List<String> dangling = (List<String>) browser.executeScript("return Array.from(document.querySelectorAll('a[href^=\"#\"]'))"
                + ".map(a => a.getAttribute('href')).filter(h => !document.getElementById(decodeURIComponent(h.slice(1))));");
        assertEquals(List.of(), dangling, page + ": internal links without a target");

        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
        assertEquals(List.of(), errors, page + ": console errors");
        Long scripts = (Long) browser.executeScript("return document.scripts.length;");
        assertEquals(0L, scripts, page + " should need no script");

        return screenshots(name);
    }

    /** One PNG per {@code h2} section (from its heading to the next), and the whole page. */
    @SuppressWarnings("unchecked")
    private static List<String> screenshots(String name) throws IOException {
        Path folder = SCREENSHOTS.resolve(name);
        Files.createDirectories(folder);
        List<Map<String, Object>> sections = (List<Map<String, Object>>) browser.executeScript(
                "const h = Array.from(document.querySelectorAll('h2'));"
                        + "const end = document.documentElement.scrollHeight;"
                        + "return h.map((e, i) => ({id: e.id, top: e.getBoundingClientRect().top + window.scrollY - 8,"
                        + " bottom: i + 1 < h.length ? h[i + 1].getBoundingClientRect().top + window.scrollY - 8 : end}));");
        long width = (Long) browser.executeScript("return document.documentElement.scrollWidth;");
        long height = (Long) browser.executeScript("return document.documentElement.scrollHeight;");
        capture(folder.resolve("page.png"), 0, 0, width, height);
        for (int i = 0; i < sections.size(); i++) {
            Map<String, Object> section = sections.get(i);
            double top = ((Number) section.get("top")).doubleValue();
            double bottom = ((Number) section.get("bottom")).doubleValue();
            capture(folder.resolve(String.format("%02d-%s.png", i + 1, section.get("id"))), 0, top, width, bottom - top);
        }
        return sections.stream().map(s -> (String) s.get("id")).toList();
    }

    private static void capture(Path file, double x, double y, double width, double height) throws IOException {
        Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
                "clip", Map.of("x", x, "y", y, "width", width, "height", height, "scale", 1)));
        Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
        assertTrue(new File(file.toString()).length() > 1000, file + " is empty");
    }
}

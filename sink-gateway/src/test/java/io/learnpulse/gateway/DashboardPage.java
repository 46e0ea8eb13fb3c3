package io.learnpulse.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard page in a real headless Chromium, as a teacher uses it: what the tests read and click
 * is what is on screen (connection state, alert cards, the acknowledge form, the learner's charts).
 */
final class DashboardPage implements AutoCloseable {

    /** Debian's {@code chromium} and {@code chromium-driver}; override with these system properties. */
    static final Path CHROMIUM = Path.of(System.getProperty("learnpulse.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("learnpulse.chromedriver", "/usr/bin/chromedriver"));

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ChromeDriver driver;
    private final Duration timeout;

    private DashboardPage(ChromeDriver driver, Duration timeout) {
        this.driver = driver;
        this.timeout = timeout;
    }

    /** A bounded wait that fails saying what it waited for. */
    private WebDriverWait waitFor(Supplier<String> what) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(100));
        // the page re-renders what changed: an element found a moment ago may have been replaced
        wait.ignoring(StaleElementReferenceException.class);
        wait.withMessage(what);
        return wait;
    }

    /** Says how to install Chromium when it is missing, instead of letting Selenium look for one online. */
    static String missingBrowser() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return null;
        }
        return "the browser test needs Chromium and its driver at " + CHROMIUM + " and " + CHROMEDRIVER
                + ": run bin/test (it installs them), or apt-get install chromium chromium-driver";
    }

    /** Starts headless Chromium with a fresh profile through the local chromedriver (no Selenium Manager). */
    static DashboardPage start(Path profile, Duration timeout) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--lang=en-GB", "--hide-scrollbars", "--window-size=1440,1400",
                "--user-data-dir=" + profile.toAbsolutePath());
        // the DevTools network events, to see which WebSocket URLs the page opens
        // and the console's errors
        options.setCapability("goog:loggingPrefs", Map.of(LogType.PERFORMANCE, "ALL", LogType.BROWSER, "SEVERE"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new DashboardPage(new ChromeDriver(service, options), timeout);
    }

    /** The URLs of the WebSockets the page opened since the last call, oldest first. */
    List<String> openedWebSockets() {
        List<String> urls = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            try {
                JsonNode message = MAPPER.readTree(entry.getMessage()).path("message");
                if ("Network.webSocketCreated".equals(message.path("method").asText())) {
                    urls.add(message.path("params").path("url").asText());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("not a DevTools event: " + entry.getMessage(), e);
            }
        }
        return urls;
    }

    /** The errors in the browser's console since the last call (script errors, failed requests). */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
    }

    void open(String url) {
        driver.get(url);
    }

    String currentUrl() {
        return driver.getCurrentUrl();
    }

    void awaitSignIn(String message) {
        waitFor(() -> "the sign-in form saying: " + message)
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("signin-error"), message));
        waitFor(() -> "the sign-in form").until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-form")));
    }

    void signIn(String token) {
        WebElement form = driver.findElement(By.id("signin-form"));
        form.findElement(By.name("token")).sendKeys(token);
        form.findElement(By.cssSelector("button[type='submit']")).click();
    }

    void chooseFilter(String name, String value) {
        WebElement select = driver.findElement(By.cssSelector("#filters select[name='" + name + "']"));
        waitFor(() -> "filter " + name + " offering " + value).until(d ->
                !select.findElements(By.cssSelector("option[value='" + value + "']")).isEmpty());
        new Select(select).selectByValue(value);
    }

    String filterValue(String name) {
        return driver.findElement(By.cssSelector("#filters select[name='" + name + "']")).getAttribute("value");
    }

    /** Opens the collapsible panel (a settings or the silences panel) at {@code selector} if it is closed. */
    private WebElement openPanel(String selector) {
        WebElement details = waitFor(() -> "panel " + selector).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(selector + " details")));
        if (details.getAttribute("open") == null) {
            details.findElement(By.tagName("summary")).click();
        }
        return details;
    }

    /** Sets one setting in the settings panel at {@code selector} (empty: back to the default) and saves. */
    void changeSetting(String selector, String key, String value) {
        WebElement panel = openPanel(selector);
        WebElement input = panel.findElement(By.cssSelector("input[name='" + key + "']"));
        input.clear();
        input.sendKeys(value);
        panel.findElement(By.cssSelector("button[data-action='save-settings']")).click();
    }

    /** Fills the silences panel's form and submits it. */
    void silence(Map<String, String> fields) {
        submit(openPanel("#silences").findElement(By.cssSelector("form.silence-form")), fields, "silence");
    }

    /** Fills the form of the operations page's webhooks (a multiple select gets the one type given) and submits it. */
    void addWebhook(Map<String, String> fields) {
        submit(waitFor(() -> "the webhooks' form").until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#webhooks form:has(button[data-action='create-webhook'])"))), fields, "create-webhook");
    }

    void deleteWebhook(String webhookId) {
        driver.findElement(By.cssSelector("#webhooks tr[data-webhook-id='" + webhookId + "'] "
                + "button[data-action='delete-webhook']")).click();
    }

    /** Asks the operations page where the notifications of one alert stand. */
    void showDeliveries(String alertId) {
        submit(driver.findElement(By.cssSelector("#webhooks form:has(button[data-action='show-deliveries'])")),
                Map.of("alertId", alertId), "show-deliveries");
    }

    /** Select fields by value, the others typed, then the button of {@code action}. */
    private static void submit(WebElement form, Map<String, String> fields, String action) {
        fields.forEach((name, value) -> {
            WebElement field = form.findElement(By.name(name));
            if (field.getTagName().equals("select")) {
                new Select(field).selectByValue(value);
            } else {
                field.sendKeys(value);
            }
        });
        form.findElement(By.cssSelector("button[data-action='" + action + "']")).click();
    }

    /** Sets the least severity pushed live in the preferences panel and saves. */
    void pushFromSeverity(String severity) {
        WebElement panel = openPanel("#preferences");
        new Select(panel.findElement(By.name("minSeverity"))).selectByValue(severity);
        panel.findElement(By.cssSelector("button[data-action='save-preferences']")).click();
    }

    void endSilence(String silenceId) {
        openPanel("#silences").findElement(By.cssSelector("li[data-silence-id='" + silenceId + "'] "
                + "button[data-action='end-silence']")).click();
    }

    void awaitStatsNote(String text) {
        waitFor(() -> "overview note: " + text)
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("stats-note"), text));
    }

    String connectionState() {
        return driver.findElement(By.id("connection")).getAttribute("data-state");
    }

    void awaitConnection(String state) {
        waitFor(() -> "connection state " + state + ", is " + connectionState())
                .until(d -> state.equals(connectionState()));
    }

    void awaitConnectionLeft(String state) {
        waitFor(() -> "connection state other than " + state)
                .until(d -> !state.equals(connectionState()));
    }

    /** The ids of the alert cards in the feed, top to bottom. */
    List<String> cardIds() {
        return driver.findElements(By.cssSelector("#feed > li.card")).stream()
                .map(card -> card.getAttribute("data-alert-id"))
                .toList();
    }

    WebElement awaitCard(String alertId) {
        return waitFor(() -> "card of alert " + alertId + " among " + cardIds())
                .until(ExpectedConditions.visibilityOfElementLocated(card(alertId)));
    }

    void awaitCards(List<String> alertIds) {
        waitFor(() -> "cards " + alertIds + " among " + cardIds())
                .until(d -> cardIds().containsAll(alertIds));
    }

    void awaitCardCount(int count) {
        waitFor(() -> count + " cards, not " + cardIds().size()).until(d -> cardIds().size() == count);
    }

    void showOlder() {
        waitFor(() -> "the button showing older alerts")
                .until(ExpectedConditions.elementToBeClickable(By.id("feed-older"))).click();
    }

    boolean olderButtonShown() {
        return driver.findElement(By.id("feed-older")).isDisplayed();
    }

    String cardText(String alertId) {
        return driver.findElement(card(alertId)).getText();
    }

    /** Opens the card's acknowledge form, picks the reason, writes the note and submits. */
    void acknowledge(String alertId, String reason, String note) {
        WebElement card = awaitCard(alertId);
        card.findElement(By.cssSelector("button[data-action='ack']")).click();
        WebElement form = waitFor(() -> "the acknowledge form of " + alertId)
                .until(d -> card.findElement(By.cssSelector("form.ack-form")));
        form.findElement(By.cssSelector("input[type='radio'][value='" + reason + "']")).click();
        form.findElement(By.cssSelector("textarea[name='note']")).sendKeys(note);
        form.findElement(By.cssSelector("button[type='submit']")).click();
    }

    void awaitStatus(String alertId, String status) {
        waitFor(() -> "alert " + alertId + " shown as " + status)
                .until(ExpectedConditions.attributeToBe(card(alertId), "data-status", status));
    }

    /** The number on an overview tile ({@code open}, {@code acknowledged}). */
    String statValue(String stat) {
        return driver.findElement(By.cssSelector("[data-stat='" + stat + "'] .tile-value")).getText();
    }

    void awaitStat(String stat, String value) {
        waitFor(() -> "overview " + stat + " = " + value)
                .until(d -> !d.findElements(By.cssSelector("[data-stat='" + stat + "'] .tile-value")).isEmpty()
                        && value.equals(statValue(stat)));
    }

    void openLearner(String userId) {
        waitFor(() -> "a link to learner " + userId).until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#feed button.learner-link[data-user-id='" + userId + "']"))).click();
        waitFor(() -> "learner view of " + userId)
                .until(ExpectedConditions.attributeToBe(By.id("learner"), "data-user-id", userId));
    }

    /** Waits for the learner view's uPlot charts and answers their canvases, each drawn at a real size. */
    List<WebElement> awaitLearnerCharts(int count) {
        return waitFor(() -> count + " charts drawn in the learner view").until(d -> {
            List<WebElement> canvases = d.findElements(By.cssSelector("#learner .uplot canvas"));
            boolean drawn = canvases.size() == count && canvases.stream()
                    .allMatch(c -> c.getSize().getWidth() > 100 && c.getSize().getHeight() > 50);
            return drawn ? canvases : null;
        });
    }

    /** Waits until the element of {@code selector} shows each of {@code texts} (its innerText). */
    void awaitText(String selector, String... texts) {
        waitFor(() -> selector + " showing " + List.of(texts) + ", shows: " + text(selector) + " in "
                + script("return document.querySelector(arguments[0])?.outerHTML", selector)).until(d -> {
            String shown = text(selector);
            return shown != null && List.of(texts).stream().allMatch(shown::contains);
        });
    }

    private String text(String selector) {
        List<WebElement> found = driver.findElements(By.cssSelector(selector));
        return found.isEmpty() ? null : found.get(0).getAttribute("innerText");
    }

    /** The learners of the list of whom to look at first, in its order. */
    List<String> attentionLearners() {
        return driver.findElements(By.cssSelector("#attention button.attention-learner")).stream()
                .map(button -> button.getAttribute("data-user-id"))
                .toList();
    }

    String learnerText() {
        return driver.findElement(By.id("learner")).getText();
    }

    void closeLearner() {
        driver.findElement(By.id("learner-close")).click();
        awaitLearnerClosed();
    }

    void awaitLearnerClosed() {
        waitFor(() -> "the learner view closed")
                .until(ExpectedConditions.invisibilityOfElementLocated(By.id("learner")));
    }

    /** The browser's back button. */
    void back() {
        driver.navigate().back();
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        waitFor(() -> "a window " + width + " pixels wide")
                .until(d -> ((Number) script("return window.innerWidth")).intValue() <= width);
    }

    /** True when the page is no wider than the window (nothing to scroll sideways on a phone). */
    boolean fitsWidth() {
        return (Boolean) script("return document.documentElement.scrollWidth <= window.innerWidth");
    }

    boolean bannerShown() {
        return driver.findElement(By.id("banner")).isDisplayed();
    }

    /**
     * From now on the page reads the gateway's answers to its REST calls whose address contains {@code part}
     * only once {@link #releaseAnswers()} is called: the gateway has answered, the answer is held on its way
     * (a slow network, made deterministic), so a test orders what the page sees without timing.
     */
    void holdAnswers(String part) {
        script("""
                const part = arguments[0];
                const fetch = window.fetch;
                let release;
                const released = new Promise((resolve) => { release = resolve; });
                window.heldAnswers = { count: 0, release: () => { window.fetch = fetch; release(); } };
                window.fetch = async (resource, init) => {
                    const response = await fetch(resource, init);
                    if (String(resource).includes(part)) {
                        await response.clone().arrayBuffer(); // the gateway's whole answer is in
                        window.heldAnswers.count += 1;
                        await released;
                    }
                    return response;
                };
                """, part);
    }

    /** Waits until the page holds {@code count} answers back (the gateway answered them all). */
    void awaitHeldAnswers(int count) {
        waitFor(() -> count + " answers held back").until(d ->
                ((Number) script("return window.heldAnswers.count")).intValue() >= count);
    }

    /** Hands the held answers to the page and stops holding. */
    void releaseAnswers() {
        script("window.heldAnswers.release()");
    }

    /** Waits until the learner view has loaded what it asked the gateway for (it is busy meanwhile). */
    void awaitLearnerLoaded() {
        waitFor(() -> "the learner view loaded").until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#learner:not([hidden]) #learner-body:not([aria-busy])")));
    }

    /** Waits until the feed has loaded the history it asked the gateway for (it is busy meanwhile). */
    void awaitFeedLoaded() {
        waitFor(() -> "the feed loaded").until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#feed:not([aria-busy])")));
    }

    /** The ids of the alerts the learner view lists. */
    List<String> learnerAlertIds() {
        return driver.findElements(By.cssSelector("#learner .learner-alerts li")).stream()
                .map(li -> li.getAttribute("data-alert-id")).toList();
    }

    Object script(String javascript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
    }

    /** Saves what the window shows, scrolled to the top of the page and of the learner view (if any). */
    Path screenshot(Path target) throws IOException {
        script("window.scrollTo(0, 0); const learner = document.getElementById('learner'); "
                + "if (learner) { learner.scrollTop = 0; }");
        byte[] shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.createDirectories(target.getParent());
        return Files.write(target, shot);
    }

    WebDriver driver() {
        return driver;
    }

    private static By card(String alertId) {
        return By.cssSelector("#feed > li.card[data-alert-id='" + alertId + "']");
    }

    @Override
    public void close() {
        driver.quit();
    }
}

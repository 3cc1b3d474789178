package nl.switchboard.support;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by its ChromeDriver, for the tests of pages. Skipped where it is
 * not installed, except on CI, where .ci/run installs it and a missing browser is a failure.
 */
public final class Chromium {

    private Chromium() {
    }

    public static WebDriver start() {
        Path chromium = Path.of("/usr/bin/chromium");
        Path driver = Path.of("/usr/bin/chromedriver");
        if (!Files.isExecutable(chromium) || !Files.isExecutable(driver)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("CI must test the pages: .ci/run installs chromium and chromium-driver");
            }
            assumeThat(false).as("Debian chromium and chromium-driver (installed by .ci/run)").isTrue();
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        // without the background-networking flags Chromium keeps dialling out into a closed network
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}

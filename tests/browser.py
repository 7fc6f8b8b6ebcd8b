"""Headless Chromium for the browser tests, through Selenium and the system chromedriver.

No Selenium Manager download: both the browser and the driver are the system's
(Debian: apt-get install chromium chromium-driver fonts-wqy-microhei; .ci/run installs them).
On a machine without them (a fresh clone) the browser tests SKIP with one line saying how to
run them; where the CI variable is set (.ci/run sets it) they are required and FAIL instead.
ADVISOR_SKIP_BROWSER=1 skips them explicitly, CI or not.
"""
from __future__ import annotations

import json
import os
import shutil

import pytest

SKIP_FLAG = "ADVISOR_SKIP_BROWSER"
INSTALL = "apt-get install -y chromium chromium-driver fonts-wqy-microhei"
HOW = f"{INSTALL} (.ci/run does it), or set {SKIP_FLAG}=1 to skip the browser tests explicitly"


def required() -> bool:
    """On CI (the CI variable set, as every CI service and .ci/run do) a missing browser is a failure."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def missing(what: str) -> None:
    """Fail on CI, else skip with one line on how to run these tests locally."""
    if required():
        pytest.fail(f"{what} needed for the browser tests (required because CI is set): {HOW}", pytrace=False)
    pytest.skip(f"no {what} here: the browser tests need it; to run them: {INSTALL} (required when CI is set)")


def browser_paths() -> tuple[str, str]:
    if os.environ.get(SKIP_FLAG) == "1":
        pytest.skip(f"{SKIP_FLAG}=1: browser tests skipped on request")
    chromium = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)
    driver = shutil.which("chromedriver")
    if not chromium or not driver:
        missing("headless Chromium and chromedriver")
    return chromium, driver


def start_browser(width: int = 1280, height: int = 900):
    chromium, driver_path = browser_paths()
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        missing("selenium (pip install -e '.[test]')")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-extensions", "--no-first-run", "--hide-scrollbars", f"--window-size={width},{height}",
                "--force-device-scale-factor=1", "--lang=en-US"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return webdriver.Chrome(service=Service(executable_path=driver_path), options=options)


def console_problems(driver) -> list[str]:
    """Console messages at warning level or worse since the last call (CSP violations land here)."""
    return [e["message"] for e in driver.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]


def requests_made(driver) -> list[str]:
    """Every URL the page asked the network stack for since the last call, but the page itself."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls

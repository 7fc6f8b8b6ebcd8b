"""Headless Chromium for the browser tests, through Selenium and the system chromedriver.

No Selenium Manager download: both the browser and the driver are the system's
(Debian: apt-get install chromium chromium-driver; .ci/run installs them). Without
them the browser tests FAIL with this message, unless ADVISOR_SKIP_BROWSER=1 asks
to skip them.
"""
from __future__ import annotations

import json
import os
import shutil

import pytest

SKIP_FLAG = "ADVISOR_SKIP_BROWSER"
HOW = ("apt-get install -y chromium chromium-driver (.ci/run does it), "
       f"or set {SKIP_FLAG}=1 to skip the browser tests explicitly")


def browser_paths() -> tuple[str, str]:
    if os.environ.get(SKIP_FLAG) == "1":
        pytest.skip(f"{SKIP_FLAG}=1: browser tests skipped on request")
    chromium = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)
    driver = shutil.which("chromedriver")
    if not chromium or not driver:
        pytest.fail(f"headless Chromium and chromedriver are needed for the browser tests: {HOW}", pytrace=False)
    return chromium, driver


def start_browser(width: int = 1280, height: int = 900):
    chromium, driver_path = browser_paths()
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.fail("selenium is needed for the browser tests: pip install -e '.[test]'", pytrace=False)
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

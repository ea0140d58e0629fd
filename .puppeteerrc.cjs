// No browser can be downloaded here: tests drive Debian's Chromium (or PUPPETEER_EXECUTABLE_PATH).
module.exports = { chrome: { skipDownload: true }, 'chrome-headless-shell': { skipDownload: true } };

// Firefox's preferences and environment for measuring: quiet (no traffic leaves the machine, no telemetry,
// no remote settings), offline, and without throttling of timers. Every pref here is read by Firefox 153
// (checked against its omni.ja and libxul); with them and FIREFOX_ENV, an idle Firefox made no DNS lookup
// in 30 s, against 47-51 for firefox.settings.services.mozilla.com with puppeteer's own prefs only.

/**
 * Prefs on top of puppeteer-core's own (its Firefox profile already turns off updates, first-run pages and
 * the like).
 */
export const FIREFOX_PREFS: Readonly<Record<string, string | number | boolean>> = Object.freeze({
  // Remote settings (the only background traffic seen: about 25 DNS lookups of
  // firefox.settings.services.mozilla.com in 30 s idle): release builds ignore this pref unless
  // MOZ_REMOTE_SETTINGS_DEVTOOLS=1 is in Firefox's environment (see FIREFOX_ENV).
  'services.settings.server': 'data:,#remote-settings-dummy/v1',
  // Nothing leaves the machine: every non-loopback HTTP(S)/WebSocket request goes to a closed loopback
  // port (refused at once, no DNS lookup); loopback itself bypasses the proxy.
  'network.proxy.type': 1,
  'network.proxy.http': '127.0.0.1',
  'network.proxy.http_port': 9,
  'network.proxy.ssl': '127.0.0.1',
  'network.proxy.ssl_port': 9,
  'network.proxy.share_proxy_settings': true,
  'network.proxy.allow_hijacking_localhost': false,
  'network.proxy.no_proxies_on': 'localhost, 127.0.0.1, [::1]',
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
  'network.http.speculative-parallel-limit': 0,
  'network.trr.mode': 5,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'dom.push.connection.enabled': false,
  'browser.safebrowsing.update.enabled': false,
  'browser.region.network.url': '',
  'browser.region.update.enabled': false,
  'security.OCSP.enabled': 0,
  'security.remote_settings.crlite_filters.enabled': false,
  'security.remote_settings.intermediates.enabled': false,
  'extensions.blocklist.enabled': false,
  'extensions.systemAddon.update.enabled': false,
  'app.update.auto': false,
  'app.shield.optoutstudies.enabled': false,
  'app.normandy.enabled': false,
  'nimbus.telemetry.targetingContextEnabled': false,
  'services.settings.loglevel': 'off',
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.unified': false,
  'toolkit.telemetry.archive.enabled': false,
  'toolkit.telemetry.server': 'http://127.0.0.1:9/',
  'datareporting.usage.uploadEnabled': false,
  'telemetry.fog.test.localhost_port': -1,
  'browser.newtabpage.activity-stream.telemetry': false,
  'browser.discovery.enabled': false,
  'browser.ml.enable': false,
  'browser.translations.enable': false,
  'browser.backup.enabled': false,
  'browser.topsites.contile.enabled': false,
  'browser.urlbar.merino.endpointURL': '',
  'geo.provider.network.url': '',
  'media.gmp-gmpopenh264.enabled': false,
  'media.gmp-manager.url': 'http://127.0.0.1:9/',
  // Measuring: no throttling of background tabs/timers, no process priority games, no hang dialogs.
  'dom.ipc.processPriorityManager.enabled': false,
  'threads.lower_mainthread_priority_in_background.enabled': false,
  'dom.min_background_timeout_value': 4,
  'dom.min_background_timeout_value_without_budget_throttling': 4,
  'dom.timeout.enable_budget_timer_throttling': false,
  'browser.tabs.remote.unloadDelayMs': 0,
  'browser.tabs.unloadOnLowMemory': false,
  // A crashed tab must not be restored behind our back.
  'browser.sessionstore.resume_from_crash': false,
  'browser.tabs.crashReporting.sendReport': false,
  'browser.crashReports.unsubmittedCheck.enabled': false,
});

/**
 * Firefox's environment on top of this process's: no crash reporter, and remote settings that honour
 * `services.settings.server` (release builds ignore that pref without MOZ_REMOTE_SETTINGS_DEVTOOLS=1).
 */
export const FIREFOX_ENV: Readonly<Record<string, string>> = Object.freeze({
  MOZ_CRASHREPORTER_DISABLE: '1',
  MOZ_REMOTE_SETTINGS_DEVTOOLS: '1',
});

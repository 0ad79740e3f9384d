# browser.sh — headless Chromium for the report tests (sourced).
#
# Every call gets a fresh profile under TEST_TMP and no network features.
#   browser_screenshot FILE WIDTH HEIGHT OUT.png   a screenshot at that window size
#   browser_dom FILE                               the DOM after loading (console to $TEST_TMP/console.txt)
#   browser_measure FILE WIDTH                     "scrollWidth clientWidth widest" of the
#                                                  page laid out WIDTH CSS px wide; widest
#                                                  is the first element outside a scroll box
#                                                  that is wider or whose content spills, or -
#   browser_pdf FILE OUT.pdf                       print to PDF (the page's own @page size)
# The measure loads the page into an iframe of that width (srcdoc, so that the
# wrapper's script may read it) and writes the measurement into the wrapper's
# DOM: headless Chromium's windows are at least 500 px wide, an iframe is not.

BROWSER=$(command -v chromium || command -v chromium-browser || true)
BROWSER_FLAGS="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
	--disable-background-networking --disable-component-update --disable-sync
	--disable-default-apps --disable-extensions --hide-scrollbars"
browser_n=0

_browser() {
	browser_n=$((browser_n + 1))
	# shellcheck disable=SC2086
	timeout 120 "$BROWSER" $BROWSER_FLAGS --user-data-dir="$TEST_TMP/chrome$browser_n" "$@"
}

browser_screenshot() {
	_browser --window-size="$2,$3" --screenshot="$4" "file://$1" >/dev/null 2>&1
}

browser_dom() {
	_browser --dump-dom "file://$1" 2>"$TEST_TMP/console.txt"
}

browser_pdf() {
	_browser --no-pdf-header-footer --print-to-pdf="$2" "file://$1" >/dev/null 2>&1
}

browser_measure() {
	local page=$TEST_TMP/measure-$2.html
	{
		printf '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0">'
		printf '<iframe id="f" style="width:%spx;height:900px;border:0" srcdoc="' "$2"
		sed -e 's/&/\&amp;/g' -e 's/"/\&quot;/g' "$1"
		cat <<'JS'
"></iframe><p id="m">not measured</p><script>
function measure() {
	var d = document.getElementById('f').contentDocument, e = d.documentElement, w = e.clientWidth, widest = '-';
	d.querySelectorAll('body *').forEach(function (n) {
		var r = n.getBoundingClientRect();
		var inside = n.closest('.scroll'), spills = n.clientWidth > 0 && n.scrollWidth > n.clientWidth + 1
			&& getComputedStyle(n).overflowX === 'visible';
		if ((r.right > w + 0.5 || spills) && !inside && widest === '-')
			widest = n.tagName.toLowerCase() + '.' + (n.className.baseVal !== undefined ? n.className.baseVal : n.className)
				+ ':' + Math.round(r.right) + (spills ? ':spills' : '');
	});
	document.getElementById('m').textContent = 'measured ' + e.scrollWidth + ' ' + w + ' ' + widest;
}
var f = document.getElementById('f');
if (f.contentDocument && f.contentDocument.readyState === 'complete' && f.contentDocument.body) measure();
f.addEventListener('load', measure);
</script></body></html>
JS
	} >"$page"
	_browser --dump-dom "file://$page" 2>/dev/null | grep -o 'measured [0-9]* [0-9]* [^<]*' | sed 's/^measured //'
}

// The session timeout warning (templates/components/session_timeout.html): a modal dialog
// opened shortly before an idle session expires. "Stay signed in" (or Escape) renews the
// session with a same-origin POST; when the time runs out the page POSTs to the timed-out
// address, which ends the sign-in on the server, then goes there to be asked to sign in
// again, and afterwards returns here.
;(function () {
  'use strict'

  var dialog = document.getElementById('session-timeout-warning')
  if (!dialog || typeof dialog.showModal !== 'function' || !window.fetch) return

  var lifetime = Number(dialog.getAttribute('data-lifetime-seconds')) * 1000
  var warning = Number(dialog.getAttribute('data-warning-seconds')) * 1000
  var keepAliveUrl = dialog.getAttribute('data-keep-alive-url')
  var timedOutUrl = dialog.getAttribute('data-timed-out-url')
  var csrfToken = dialog.getAttribute('data-csrf-token')
  var heading = dialog.querySelector('#session-timeout-heading')
  var countdown = dialog.querySelector('[data-countdown]')
  var announcement = dialog.querySelector('[data-countdown-announcement]')
  var stayButton = dialog.querySelector('[data-stay-signed-in]')
  if (!(lifetime > 0) || !(warning >= 0)) return

  // The page's clock starts after the server's, so sign out this much before it runs out.
  var SIGN_OUT_EARLY = 1000
  var expiresAt = 0
  var warnTimer = null
  var tickTimer = null
  var returnFocus = null
  var lastSpoken = ''

  function describe (milliseconds) {
    var seconds = Math.max(0, Math.ceil(milliseconds / 1000))
    if (seconds >= 60) {
      var minutes = Math.ceil(seconds / 60)
      return minutes + (minutes === 1 ? ' minute' : ' minutes')
    }
    return seconds + (seconds === 1 ? ' second' : ' seconds')
  }

  function schedule () {
    window.clearTimeout(warnTimer)
    window.clearInterval(tickTimer)
    expiresAt = Date.now() + lifetime
    warnTimer = window.setTimeout(open, Math.max(0, lifetime - warning))
  }

  function tick () {
    var left = expiresAt - Date.now()
    if (left <= SIGN_OUT_EARLY) {
      timeOut()
      return
    }
    var text = describe(left)
    countdown.textContent = text
    // Speak at each whole minute and at 20 seconds, not every second.
    var seconds = Math.ceil(left / 1000)
    var spoken = seconds >= 60 ? text : seconds <= 20 ? '20 seconds' : lastSpoken
    if (spoken !== lastSpoken) {
      lastSpoken = spoken
      announcement.textContent = 'We will sign you out in ' + text + '.'
    }
  }

  function open () {
    returnFocus = document.activeElement
    lastSpoken = ''
    tick()
    dialog.showModal()
    heading.focus()
    tickTimer = window.setInterval(tick, 1000)
  }

  function close () {
    window.clearInterval(tickTimer)
    if (dialog.open) dialog.close()
    announcement.textContent = ''
    if (returnFocus && typeof returnFocus.focus === 'function') returnFocus.focus()
  }

  function timeOut () {
    window.clearInterval(tickTimer)
    window.clearTimeout(warnTimer)
    var here = window.location.pathname + window.location.search
    function goToSignIn () {
      window.location.href = timedOutUrl + '?next=' + encodeURIComponent(here)
    }
    // Sent a moment before the cookie runs out, so that it still carries the cookie. If it
    // comes too late, the cookie's own expiry has already ended the session.
    window.fetch(timedOutUrl, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'X-CSRFToken': csrfToken }
    }).then(goToSignIn, goToSignIn)
  }

  function staySignedIn () {
    stayButton.disabled = true
    window.fetch(keepAliveUrl, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'X-CSRFToken': csrfToken }
    }).then(function (response) {
      stayButton.disabled = false
      if (!response.ok) {
        timeOut()
        return
      }
      return response.json().then(function (renewed) {
        // Renewed for the idle limit, or only until the sign-in's absolute limit.
        lifetime = renewed.expiresInSeconds * 1000
        close()
        schedule()
      })
    }).catch(function () {
      // Offline for a moment: keep the warning open so they can try again.
      stayButton.disabled = false
    })
  }

  stayButton.addEventListener('click', staySignedIn)
  // Escape closes the warning, which also means "stay signed in".
  dialog.addEventListener('cancel', function (event) {
    event.preventDefault()
    staySignedIn()
  })

  schedule()
})()

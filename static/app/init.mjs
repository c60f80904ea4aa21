// Starts every GOV.UK Frontend component on the page. Loaded as a module, so browsers
// that GOV.UK Frontend does not support skip it and get the no-JavaScript experience.
import { initAll } from '../govuk-frontend/govuk-frontend.min.js'

initAll()

// A message the page was loaded to show, such as the cookie banner's confirmation of a
// choice, takes focus (it has tabindex="-1"), so the next Tab continues from it.
const focusOnLoad = document.querySelector('[data-app-focus-on-load]')
if (focusOnLoad) {
  focusOnLoad.focus()
}

// Starts every GOV.UK Frontend component on the page. Loaded as a module, so browsers
// that GOV.UK Frontend does not support skip it and get the no-JavaScript experience.
import { initAll } from '../govuk-frontend/govuk-frontend.min.js'

initAll()

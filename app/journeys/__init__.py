"""Journey definitions: data that the form engine (app/formkit) turns into pages and APIs."""

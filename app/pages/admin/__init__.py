"""The admin area (`/admin/...`): administrators only; everyone else sees a 403 page."""

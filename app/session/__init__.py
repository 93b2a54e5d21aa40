"""The browser's sign-in session, held by the UI backend (backend-for-frontend pattern)."""

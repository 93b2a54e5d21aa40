"""State shared by every page (the signed-in session); it imports nothing from pages."""

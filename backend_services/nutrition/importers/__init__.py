"""Food database importers (USDA SR28 ASCII, FoodData Central CSV, Open Food Facts TSV)."""

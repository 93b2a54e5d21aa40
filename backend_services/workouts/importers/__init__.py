"""Importers: free-exercise-db catalog, Apple Health and Google Fit Takeout exports."""

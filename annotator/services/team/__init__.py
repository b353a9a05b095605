"""Team: users, projects and their members, assignment of documents, progress."""

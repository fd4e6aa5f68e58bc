"""The class record: classes, their trainees, every step each took, objectives ticked, hints used.

It imports no Textual: the trainee's app records into it, the trainer's report reads it. It is a
store of its own (its own SQLModel registry and tables), so it can sit in the same database as a
world, or on a PostgreSQL shared by several `serve` processes, without touching the world's schema."""

"""Voice: intents for Assist, tools for LLM agents, the sentence files."""

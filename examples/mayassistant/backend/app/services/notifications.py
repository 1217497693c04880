def send_reminder(user_id: str, text: str) -> None:
    print(f"reminder for {user_id}: {text}")

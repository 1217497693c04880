from fastapi import FastAPI

from app.routers import health

app = FastAPI(title="MayAssistant")
app.include_router(health.router)

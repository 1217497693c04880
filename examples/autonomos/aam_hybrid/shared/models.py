from sqlalchemy import Column, DateTime, Integer, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class ConnectorRun(Base):
    __tablename__ = "connector_runs"
    id = Column(Integer, primary_key=True)
    connector = Column(String(64), nullable=False)
    started_at = Column(DateTime(timezone=True), nullable=False)

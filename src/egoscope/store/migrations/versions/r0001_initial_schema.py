"""Initial schema: customers, agents, import runs, conversations (facts, results, topics), turns, findings, commitments.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

JSON_TYPE = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "agents",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("team", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agents")),
    )
    op.create_table(
        "customers",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("tenure_years", sa.Double(), nullable=True),
        sa.Column("spend_eur", sa.Double(), nullable=True),
        sa.Column("spend_period", sa.String(), nullable=True),
        sa.Column("visits_per_week", sa.Double(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customers")),
    )
    op.create_table(
        "import_runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("command", sa.String(), nullable=False),
        sa.Column("user", sa.String(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("sources", JSON_TYPE, nullable=False),
        sa.Column("engine_version", sa.String(), nullable=False),
        sa.Column("assumptions", JSON_TYPE, nullable=False),
        sa.Column("read", sa.Integer(), nullable=False),
        sa.Column("imported", sa.Integer(), nullable=False),
        sa.Column("updated", sa.Integer(), nullable=False),
        sa.Column("unchanged", sa.Integer(), nullable=False),
        sa.Column("skipped", sa.Integer(), nullable=False),
        sa.Column("skip_reasons", JSON_TYPE, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_runs")),
    )
    op.create_table(
        "conversations",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("customer_id", sa.String(), nullable=True),
        sa.Column("agent_id", sa.String(), nullable=True),
        sa.Column("team", sa.String(), nullable=True),
        sa.Column("channel", sa.String(), nullable=True),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("language", sa.String(), nullable=False),
        sa.Column("outcome", sa.String(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("last_word", sa.String(), nullable=True),
        sa.Column("last_word_risk", sa.Boolean(), nullable=False),
        sa.Column("topic", sa.String(), nullable=False),
        sa.Column("topics", JSON_TYPE, nullable=False),
        sa.Column("revenue_at_risk_eur", sa.Double(), nullable=False),
        sa.Column("content_hash", sa.String(), nullable=False),
        sa.Column("engine_version", sa.String(), nullable=False),
        sa.Column("import_run_id", sa.Integer(), nullable=True),
        sa.Column("turn_count", sa.Integer(), nullable=False),
        sa.Column("agent_turn_count", sa.Integer(), nullable=False),
        sa.Column("risk_count", sa.Integer(), nullable=False),
        sa.Column("escalation_count", sa.Integer(), nullable=False),
        sa.Column("churn_signal_count", sa.Integer(), nullable=False),
        sa.Column("negative_emotion_count", sa.Integer(), nullable=False),
        sa.Column("apology_count", sa.Integer(), nullable=False),
        sa.Column("refusal_turn_count", sa.Integer(), nullable=False),
        sa.Column("explained_refusal_turn_count", sa.Integer(), nullable=False),
        sa.Column("is_repeat", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["agent_id"], ["agents.id"], name=op.f("fk_conversations_agent_id_agents")),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_conversations_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["import_run_id"], ["import_runs.id"], name=op.f("fk_conversations_import_run_id_import_runs")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversations")),
    )
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_conversations_agent_id_started_at"), ["agent_id", "started_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_conversations_customer_id_started_at"), ["customer_id", "started_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_conversations_engine_version"), ["engine_version"], unique=False)
        batch_op.create_index(batch_op.f("ix_conversations_started_at"), ["started_at"], unique=False)

    op.create_table(
        "conversation_results",
        sa.Column("conversation_id", sa.String(), nullable=False),
        sa.Column("result", JSON_TYPE, nullable=False),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name=op.f("fk_conversation_results_conversation_id_conversations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("conversation_id", name=op.f("pk_conversation_results")),
    )
    op.create_table(
        "conversation_topics",
        sa.Column("conversation_id", sa.String(), nullable=False),
        sa.Column("topic", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name=op.f("fk_conversation_topics_conversation_id_conversations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("conversation_id", "topic", name=op.f("pk_conversation_topics")),
    )
    with op.batch_alter_table("conversation_topics", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_conversation_topics_topic_conversation_id"),
            ["topic", "conversation_id"],
            unique=False,
        )

    op.create_table(
        "turns",
        sa.Column("conversation_id", sa.String(), nullable=False),
        sa.Column("index", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("speaker", sa.String(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=True),
        sa.Column("negativity", sa.Double(), nullable=True),
        sa.Column("emotions", JSON_TYPE, nullable=False),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name=op.f("fk_turns_conversation_id_conversations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("conversation_id", "index", name=op.f("pk_turns")),
    )
    op.create_table(
        "commitments",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("conversation_id", sa.String(), nullable=False),
        sa.Column("turn_index", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.String(), nullable=True),
        sa.Column("phrase", sa.Text(), nullable=False),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("deadline", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("broken_by_conversation", sa.String(), nullable=True),
        sa.Column("agent_id", sa.String(), nullable=True),
        sa.Column("team", sa.String(), nullable=True),
        sa.Column("channel", sa.String(), nullable=True),
        sa.Column("topic", sa.String(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["broken_by_conversation"],
            ["conversations.id"],
            name=op.f("fk_commitments_broken_by_conversation_conversations"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["conversation_id", "turn_index"],
            ["turns.conversation_id", "turns.index"],
            name=op.f("fk_commitments_conversation_id_turn_index_turns"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_commitments_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commitments")),
    )
    with op.batch_alter_table("commitments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_commitments_conversation_id_turn_index"),
            ["conversation_id", "turn_index"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_commitments_customer_id_topic"), ["customer_id", "topic"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_commitments_started_at"), ["started_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_commitments_status"), ["status"], unique=False)

    op.create_table(
        "findings",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("conversation_id", sa.String(), nullable=False),
        sa.Column("turn_index", sa.Integer(), nullable=False),
        sa.Column("speaker", sa.String(), nullable=False),
        sa.Column("category", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("rule", sa.String(), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("suggestion", sa.Text(), nullable=True),
        sa.Column("intensity", sa.Double(), nullable=True),
        sa.Column("due", sa.String(), nullable=True),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("score", sa.Double(), nullable=True),
        sa.Column("agent_id", sa.String(), nullable=True),
        sa.Column("team", sa.String(), nullable=True),
        sa.Column("channel", sa.String(), nullable=True),
        sa.Column("topic", sa.String(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["conversation_id", "turn_index"],
            ["turns.conversation_id", "turns.index"],
            name=op.f("fk_findings_conversation_id_turn_index_turns"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_findings")),
    )
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_findings_agent_id_started_at"), ["agent_id", "started_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_findings_category_started_at"), ["category", "started_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_findings_conversation_id_turn_index"),
            ["conversation_id", "turn_index"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_findings_kind_started_at_category_agent_id_team_channel_topic"),
            ["kind", "started_at", "category", "agent_id", "team", "channel", "topic"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_findings_kind_started_at_category_agent_id_team_channel_topic"))
        batch_op.drop_index(batch_op.f("ix_findings_conversation_id_turn_index"))
        batch_op.drop_index(batch_op.f("ix_findings_category_started_at"))
        batch_op.drop_index(batch_op.f("ix_findings_agent_id_started_at"))

    op.drop_table("findings")
    with op.batch_alter_table("commitments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_commitments_status"))
        batch_op.drop_index(batch_op.f("ix_commitments_started_at"))
        batch_op.drop_index(batch_op.f("ix_commitments_customer_id_topic"))
        batch_op.drop_index(batch_op.f("ix_commitments_conversation_id_turn_index"))

    op.drop_table("commitments")
    op.drop_table("turns")
    with op.batch_alter_table("conversation_topics", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conversation_topics_topic_conversation_id"))

    op.drop_table("conversation_topics")
    op.drop_table("conversation_results")
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conversations_started_at"))
        batch_op.drop_index(batch_op.f("ix_conversations_engine_version"))
        batch_op.drop_index(batch_op.f("ix_conversations_customer_id_started_at"))
        batch_op.drop_index(batch_op.f("ix_conversations_agent_id_started_at"))

    op.drop_table("conversations")
    op.drop_table("import_runs")
    op.drop_table("customers")
    op.drop_table("agents")

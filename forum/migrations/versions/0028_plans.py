"""agreed and adopted plans: the co-chairs' signed agreed plan, the official instrument and its
texts, their matching, the discrepancies with the State's answers, and civil society's dissents

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-06 02:25:30.617592

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0028'
down_revision = '0027'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('plan_instruments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cycle', sa.String(length=9), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('number', sa.String(length=80), nullable=False),
    sa.Column('issuer', sa.String(length=200), nullable=False),
    sa.Column('published_on', sa.Date(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('url', sa.String(length=500), nullable=False),
    sa.Column('pdf_sha256', sa.String(length=64), nullable=True),
    sa.Column('pdf_name', sa.String(length=200), nullable=True),
    sa.Column('pdf_size', sa.Integer(), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_plan_instruments_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_instruments'))
    )
    with op.batch_alter_table('plan_instruments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_instruments_cycle'), ['cycle'], unique=False)

    op.create_table('adopted_texts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('instrument_id', sa.Integer(), nullable=False),
    sa.Column('forum_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('problem', sa.Text(), nullable=False),
    sa.Column('status_quo', sa.Text(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('contribution', sa.Text(), nullable=False),
    sa.Column('ogp_relevance', sa.Text(), nullable=False),
    sa.Column('values', sa.String(length=100), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_adopted_texts_author_id_users')),
    sa.ForeignKeyConstraint(['forum_id'], ['forums.id'], name=op.f('fk_adopted_texts_forum_id_forums')),
    sa.ForeignKeyConstraint(['instrument_id'], ['plan_instruments.id'], name=op.f('fk_adopted_texts_instrument_id_plan_instruments')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_adopted_texts'))
    )
    with op.batch_alter_table('adopted_texts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_adopted_texts_forum_id'), ['forum_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_adopted_texts_instrument_id'), ['instrument_id'], unique=False)

    op.create_table('agreed_plans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('forum_id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('agreed_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['forum_id'], ['forums.id'], name=op.f('fk_agreed_plans_forum_id_forums')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreed_plans'))
    )
    with op.batch_alter_table('agreed_plans', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreed_plans_forum_id'), ['forum_id'], unique=False)

    op.create_table('agreed_keys',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('side', sa.String(length=12), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_agreed_keys_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['plan_id'], ['agreed_plans.id'], name=op.f('fk_agreed_keys_plan_id_agreed_plans')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_agreed_keys_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreed_keys')),
    sa.UniqueConstraint('plan_id', 'side', name=op.f('uq_agreed_keys_plan_id'))
    )
    with op.batch_alter_table('agreed_keys', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreed_keys_plan_id'), ['plan_id'], unique=False)

    op.create_table('agreed_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('commitment_id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('version_number', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['commitment_id'], ['commitments.id'], name=op.f('fk_agreed_items_commitment_id_commitments')),
    sa.ForeignKeyConstraint(['plan_id'], ['agreed_plans.id'], name=op.f('fk_agreed_items_plan_id_agreed_plans')),
    sa.ForeignKeyConstraint(['version_id'], ['commitment_versions.id'], name=op.f('fk_agreed_items_version_id_commitment_versions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreed_items')),
    sa.UniqueConstraint('plan_id', 'commitment_id', name=op.f('uq_agreed_items_plan_id'))
    )
    with op.batch_alter_table('agreed_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreed_items_plan_id'), ['plan_id'], unique=False)

    op.create_table('discrepancies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('forum_id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('agreed_item_id', sa.Integer(), nullable=True),
    sa.Column('adopted_text_id', sa.Integer(), nullable=True),
    sa.Column('instrument_id', sa.Integer(), nullable=True),
    sa.Column('fields', sa.String(length=200), nullable=False),
    sa.Column('days', sa.Integer(), nullable=True),
    sa.Column('opened_at', sa.DateTime(), nullable=False),
    sa.Column('answer', sa.Text(), nullable=True),
    sa.Column('answered_at', sa.DateTime(), nullable=True),
    sa.Column('answer_seconds', sa.Integer(), nullable=True),
    sa.Column('answered_by_id', sa.Integer(), nullable=True),
    sa.Column('answer_org_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['adopted_text_id'], ['adopted_texts.id'], name=op.f('fk_discrepancies_adopted_text_id_adopted_texts')),
    sa.ForeignKeyConstraint(['agreed_item_id'], ['agreed_items.id'], name=op.f('fk_discrepancies_agreed_item_id_agreed_items')),
    sa.ForeignKeyConstraint(['answer_org_id'], ['organisations.id'], name=op.f('fk_discrepancies_answer_org_id_organisations')),
    sa.ForeignKeyConstraint(['answered_by_id'], ['users.id'], name=op.f('fk_discrepancies_answered_by_id_users')),
    sa.ForeignKeyConstraint(['forum_id'], ['forums.id'], name=op.f('fk_discrepancies_forum_id_forums')),
    sa.ForeignKeyConstraint(['instrument_id'], ['plan_instruments.id'], name=op.f('fk_discrepancies_instrument_id_plan_instruments')),
    sa.ForeignKeyConstraint(['plan_id'], ['agreed_plans.id'], name=op.f('fk_discrepancies_plan_id_agreed_plans')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_discrepancies'))
    )
    with op.batch_alter_table('discrepancies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_discrepancies_forum_id'), ['forum_id'], unique=False)

    op.create_table('plan_matches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('forum_id', sa.Integer(), nullable=False),
    sa.Column('agreed_item_id', sa.Integer(), nullable=False),
    sa.Column('adopted_text_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['adopted_text_id'], ['adopted_texts.id'], name=op.f('fk_plan_matches_adopted_text_id_adopted_texts')),
    sa.ForeignKeyConstraint(['agreed_item_id'], ['agreed_items.id'], name=op.f('fk_plan_matches_agreed_item_id_agreed_items')),
    sa.ForeignKeyConstraint(['forum_id'], ['forums.id'], name=op.f('fk_plan_matches_forum_id_forums')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_plan_matches_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_matches')),
    sa.UniqueConstraint('adopted_text_id', name=op.f('uq_plan_matches_adopted_text_id')),
    sa.UniqueConstraint('agreed_item_id', name=op.f('uq_plan_matches_agreed_item_id'))
    )
    with op.batch_alter_table('plan_matches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_matches_forum_id'), ['forum_id'], unique=False)

    op.create_table('dissents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('discrepancy_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['discrepancy_id'], ['discrepancies.id'], name=op.f('fk_dissents_discrepancy_id_discrepancies')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_dissents_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_dissents_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dissents')),
    sa.UniqueConstraint('discrepancy_id', 'organisation_id', name=op.f('uq_dissents_discrepancy_id'))
    )
    with op.batch_alter_table('dissents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dissents_discrepancy_id'), ['discrepancy_id'], unique=False)



def downgrade():
    with op.batch_alter_table('dissents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dissents_discrepancy_id'))

    op.drop_table('dissents')
    with op.batch_alter_table('plan_matches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_matches_forum_id'))

    op.drop_table('plan_matches')
    with op.batch_alter_table('discrepancies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_discrepancies_forum_id'))

    op.drop_table('discrepancies')
    with op.batch_alter_table('agreed_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreed_items_plan_id'))

    op.drop_table('agreed_items')
    with op.batch_alter_table('agreed_keys', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreed_keys_plan_id'))

    op.drop_table('agreed_keys')
    with op.batch_alter_table('agreed_plans', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreed_plans_forum_id'))

    op.drop_table('agreed_plans')
    with op.batch_alter_table('adopted_texts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_adopted_texts_instrument_id'))
        batch_op.drop_index(batch_op.f('ix_adopted_texts_forum_id'))

    op.drop_table('adopted_texts')
    with op.batch_alter_table('plan_instruments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_instruments_cycle'))

    op.drop_table('plan_instruments')

CREATE TABLE "analysis_measure_root_causes" (
	"investigation_id" uuid NOT NULL,
	"measure_id" text NOT NULL,
	"root_cause_id" text NOT NULL,
	CONSTRAINT "analysis_measure_root_causes_investigation_id_measure_id_root_cause_id_pk" PRIMARY KEY("investigation_id","measure_id","root_cause_id")
);
--> statement-breakpoint
CREATE TABLE "analysis_measures" (
	"investigation_id" uuid NOT NULL,
	"measure_id" text NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"owner_organisation" text DEFAULT '' NOT NULL,
	"owner_function" text DEFAULT '' NOT NULL,
	"deadline" date,
	"measurable_result" text DEFAULT '' NOT NULL,
	"borging_how" text DEFAULT '' NOT NULL,
	"borging_who" text DEFAULT '' NOT NULL,
	"borging_when" date,
	"status" text NOT NULL,
	"root_cause_ids" text[] DEFAULT '{}' NOT NULL,
	"valid" boolean NOT NULL,
	"position" integer NOT NULL,
	"projected_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "analysis_measures_investigation_id_measure_id_pk" PRIMARY KEY("investigation_id","measure_id")
);
--> statement-breakpoint
CREATE TABLE "analysis_root_causes" (
	"investigation_id" uuid NOT NULL,
	"node_id" text NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"ecm" text,
	"ecm_raw" text,
	"ecm_group" text,
	"themes" text[] DEFAULT '{}' NOT NULL,
	"critical_moment_id" text,
	"method" text,
	"position" integer NOT NULL,
	"projected_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "analysis_root_causes_investigation_id_node_id_pk" PRIMARY KEY("investigation_id","node_id")
);
--> statement-breakpoint
ALTER TABLE "analysis_measure_root_causes" ADD CONSTRAINT "analysis_mrc_measure_fk" FOREIGN KEY ("investigation_id","measure_id") REFERENCES "public"."analysis_measures"("investigation_id","measure_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analysis_measure_root_causes" ADD CONSTRAINT "analysis_mrc_root_cause_fk" FOREIGN KEY ("investigation_id","root_cause_id") REFERENCES "public"."analysis_root_causes"("investigation_id","node_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analysis_measures" ADD CONSTRAINT "analysis_measures_investigation_id_investigations_id_fk" FOREIGN KEY ("investigation_id") REFERENCES "public"."investigations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analysis_root_causes" ADD CONSTRAINT "analysis_root_causes_investigation_id_investigations_id_fk" FOREIGN KEY ("investigation_id") REFERENCES "public"."investigations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "analysis_mrc_root_cause" ON "analysis_measure_root_causes" USING btree ("investigation_id","root_cause_id");--> statement-breakpoint
CREATE INDEX "analysis_measures_deadline" ON "analysis_measures" USING btree ("deadline","status");--> statement-breakpoint
CREATE INDEX "analysis_root_causes_ecm" ON "analysis_root_causes" USING btree ("ecm_group","ecm");--> statement-breakpoint
CREATE INDEX "analysis_root_causes_themes" ON "analysis_root_causes" USING gin ("themes");
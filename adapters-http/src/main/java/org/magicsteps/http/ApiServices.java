package org.magicsteps.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.magicsteps.core.port.HealthReporting;
import org.magicsteps.core.usecase.AuthenticateUser;
import org.magicsteps.core.usecase.ChangeThreshold;
import org.magicsteps.core.usecase.DescribeModel;
import org.magicsteps.core.usecase.FindActiveUser;
import org.magicsteps.core.usecase.IndexModels;
import org.magicsteps.core.usecase.ListModels;
import org.magicsteps.core.usecase.ListStoredStudents;
import org.magicsteps.core.usecase.LoadModel;
import org.magicsteps.core.usecase.MeasureUploadedDrift;
import org.magicsteps.core.usecase.MonitorDrift;
import org.magicsteps.core.usecase.PredictBatch;
import org.magicsteps.core.usecase.PredictEncodedBatch;
import org.magicsteps.core.usecase.PredictStoredStudent;
import org.magicsteps.core.usecase.PredictStoredStudents;
import org.magicsteps.core.usecase.PredictStudent;
import org.magicsteps.core.usecase.ProcessFeatures;
import org.magicsteps.core.usecase.QueryPredictionLog;
import org.magicsteps.core.usecase.ReadThreshold;
import org.magicsteps.core.usecase.ReadThresholdHistory;
import org.magicsteps.core.usecase.RegisterUser;
import org.magicsteps.core.usecase.ScoreUploadedSheet;
import org.magicsteps.core.usecase.ServedModels;
import org.magicsteps.core.usecase.UnloadModel;

/**
 * The use cases the server calls, built by the composition root, and the health of each
 * component behind them (for {@code /health}). The use cases that take a model name share one
 * {@link ServedModels}, the one given here.
 *
 * @param components each store's health by the name {@code /health} shows ({@code users},
 *     {@code prediction_log}, ...); called on every {@code /health} request
 * @param predictStoredStudents {@code /predict/batch} by {@code student_ids}, from the feature store
 * @param servedModels the models served, for {@code /metrics}
 * @param monitorDrift {@code /monitor/drift} and {@code /metrics}' {@code feature_drift_psi}
 * @param scoreUploadedSheet {@code POST /sheets/score}, the staff page's upload
 * @param measureUploadedDrift {@code POST /sheets/drift}, an uploaded sheet's drift (admins)
 */
public record ApiServices(
        PredictStudent predictStudent,
        PredictBatch predictBatch,
        PredictStoredStudent predictStoredStudent,
        ProcessFeatures processFeatures,
        DescribeModel describeModel,
        ReadThreshold readThreshold,
        ChangeThreshold changeThreshold,
        ReadThresholdHistory readThresholdHistory,
        RegisterUser registerUser,
        AuthenticateUser authenticateUser,
        FindActiveUser findActiveUser,
        QueryPredictionLog queryPredictionLog,
        ListStoredStudents listStoredStudents,
        Map<String, HealthReporting> components,
        PredictStoredStudents predictStoredStudents,
        ServedModels servedModels,
        ListModels listModels,
        PredictEncodedBatch predictEncodedBatch,
        IndexModels indexModels,
        LoadModel loadModel,
        UnloadModel unloadModel,
        MonitorDrift monitorDrift,
        ScoreUploadedSheet scoreUploadedSheet,
        MeasureUploadedDrift measureUploadedDrift) {

    public ApiServices {
        Objects.requireNonNull(predictStudent, "predictStudent");
        Objects.requireNonNull(predictBatch, "predictBatch");
        Objects.requireNonNull(predictStoredStudent, "predictStoredStudent");
        Objects.requireNonNull(processFeatures, "processFeatures");
        Objects.requireNonNull(describeModel, "describeModel");
        Objects.requireNonNull(readThreshold, "readThreshold");
        Objects.requireNonNull(changeThreshold, "changeThreshold");
        Objects.requireNonNull(readThresholdHistory, "readThresholdHistory");
        Objects.requireNonNull(registerUser, "registerUser");
        Objects.requireNonNull(authenticateUser, "authenticateUser");
        Objects.requireNonNull(findActiveUser, "findActiveUser");
        Objects.requireNonNull(queryPredictionLog, "queryPredictionLog");
        Objects.requireNonNull(listStoredStudents, "listStoredStudents");
        Objects.requireNonNull(predictStoredStudents, "predictStoredStudents");
        Objects.requireNonNull(monitorDrift, "monitorDrift");
        components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
        Objects.requireNonNull(servedModels, "servedModels");
        Objects.requireNonNull(listModels, "listModels");
        Objects.requireNonNull(predictEncodedBatch, "predictEncodedBatch");
        Objects.requireNonNull(indexModels, "indexModels");
        Objects.requireNonNull(loadModel, "loadModel");
        Objects.requireNonNull(unloadModel, "unloadModel");
        Objects.requireNonNull(scoreUploadedSheet, "scoreUploadedSheet");
        Objects.requireNonNull(measureUploadedDrift, "measureUploadedDrift");
    }
}
